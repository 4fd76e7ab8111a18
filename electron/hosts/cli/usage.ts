/** The `checkdesk --help` text: the CLI contract of PRODUCT.md §5. */
export const USAGE = `Usage: checkdesk <command> [options]

Commands:
  run INBOX... [--once] [--timeout S] [--no-submit] [--profile FILE]
               [--provider NAME --base-url URL] [--report FILE.xlsx]
                         watch inbox folders and process their files
  status                 counts per state, queue depth, provider health
  files [--state S] [--inbox DIR]
                         every file CheckDesk has seen and what happened to it
  export --out FILE.xlsx [--case ID...] [--lang en|id] [--json-copy]
                         write an Excel report from the ledger
  normalize --provider NAME FILE.json
                         print the canonical form of a provider result payload
  validate nik|npwp|mrz|kk|vin|land_certificate VALUE
                         check an ID number offline (MRZ lines separated by | or newlines)
  check FILE...          run the pre-flight checks on files
  sandbox [--provider NAME] [--port N] [--latency MS] [--fault-rate X] [--seed N] [--api-key KEY]
                         run a provider sandbox on 127.0.0.1 (prints its URL first)
  webhook-relay [--port N] [--host H] [--token T] [--state FILE]
                         receive provider webhooks on a reachable host for CheckDesk to fetch
                         (POST /hooks/…; GET /deliveries with the token; prints its URL first;
                         binds 127.0.0.1 unless --host; token also CHECKDESK_WEBHOOK_RELAY_TOKEN)
  serve [--port N]       serve the CheckDesk UI to a browser on 127.0.0.1 (prints its URL first)

Options for every command:
  --data-dir DIR         where CheckDesk keeps its ledger and documents
                         (default: the OS app-data folder "CheckDesk"; env CHECKDESK_DATA_DIR)
  --json                 machine-readable output on stdout
  -h, --help             this help
  --version              print the version

Exit codes: 0 success, 1 failure, 2 bad usage.
Credentials come from the environment: CHECKDESK_<PROVIDER>_API_KEY (and _BASE_URL …).
With no provider configured, CheckDesk uses its built-in AnyCheck sandbox (no network needed).
`;
