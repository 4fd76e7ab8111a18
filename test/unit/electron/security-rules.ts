/**
 * A static scan of Electron main/preload sources for the misconfigurations Electronegativity looks
 * for, built on the TypeScript compiler API so it reads this project's TypeScript exactly as tsc
 * does. Per-file rules look at single expressions; project rules check that a guard exists
 * somewhere in the scanned sources.
 */
import ts from 'typescript';

export interface SourceText {
  path: string;
  text: string;
}

export interface Violation {
  rule: RuleId;
  file: string;
  line: number;
  detail: string;
}

export const RULES = {
  'node-integration': 'nodeIntegration / nodeIntegrationInSubFrames must be false',
  'context-isolation-off': 'contextIsolation must be true',
  'sandbox-off': 'the renderer sandbox must stay on',
  'web-security-off': 'webSecurity must be true',
  'insecure-content': 'allowRunningInsecureContent must be false',
  'experimental-features': 'experimentalFeatures must be false',
  'blink-features': 'enableBlinkFeatures must not be used',
  'node-in-worker': 'nodeIntegrationInWorker must be false',
  'webview-tag': 'webviewTag must be false',
  'exposes-ipc-renderer': 'ipcRenderer must never be exposed to the page',
  'open-external-unconfirmed': 'shell.openExternal needs a confirmation dialog first',
  'insecure-load-url': 'windows load neither http: nor file: URLs',
  'weak-csp': "script-src must not allow 'unsafe-inline' or 'unsafe-eval'",
  'missing-permission-handler': 'no session.setPermissionRequestHandler',
  'missing-permission-check-handler': 'no session.setPermissionCheckHandler',
  'missing-window-open-handler': 'no setWindowOpenHandler',
  'missing-navigation-guard': "no 'will-navigate' handler calling preventDefault",
  'missing-csp': 'no Content-Security-Policy with default-src and script-src',
} as const;
export type RuleId = keyof typeof RULES;

/** Flags whose only safe value is `false` / `true`; anything else (a variable too) is flagged. */
const MUST_BE_FALSE: Partial<Record<string, RuleId>> = {
  nodeIntegration: 'node-integration',
  nodeIntegrationInSubFrames: 'node-integration',
  allowRunningInsecureContent: 'insecure-content',
  experimentalFeatures: 'experimental-features',
  nodeIntegrationInWorker: 'node-in-worker',
  webviewTag: 'webview-tag',
};
const MUST_BE_TRUE: Partial<Record<string, RuleId>> = {
  contextIsolation: 'context-isolation-off',
  webSecurity: 'web-security-off',
};
/** Keys that mark an object literal as webPreferences (where `sandbox` means the renderer sandbox). */
const WEB_PREFERENCE_KEYS = new Set([
  'preload',
  'contextIsolation',
  'nodeIntegration',
  'webSecurity',
  'webviewTag',
]);

function nameOf(name: ts.PropertyName | ts.MemberName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name))
    return name.text;
  return null;
}

function calleeName(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isIdentifier(callee)) return callee.text;
  return null;
}

function isWebPreferencesObject(object: ts.ObjectLiteralExpression): boolean {
  const parent = object.parent;
  if (ts.isPropertyAssignment(parent) && nameOf(parent.name) === 'webPreferences') return true;
  return object.properties.some(
    (p) => p.name !== undefined && WEB_PREFERENCE_KEYS.has(nameOf(p.name) ?? ''),
  );
}

function stringStart(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  return null;
}

function enclosingFunction(node: ts.Node): ts.Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return null;
}

function containsCall(root: ts.Node, names: ReadonlySet<string>, before: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (
      ts.isCallExpression(node) &&
      node.getStart() < before &&
      names.has(calleeName(node) ?? '')
    ) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

const CONFIRMATIONS = new Set(['showMessageBox', 'showMessageBoxSync']);
const PREVENT = new Set(['preventDefault']);

interface ProjectFacts {
  permissionRequestHandler: boolean;
  permissionCheckHandler: boolean;
  windowOpenHandler: boolean;
  navigationGuard: boolean;
  cspHeader: boolean;
  cspDirectives: boolean;
}

function scanFile(source: SourceText, facts: ProjectFacts, out: Violation[]): void {
  const file = ts.createSourceFile(
    source.path,
    source.text,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const report = (rule: RuleId, node: ts.Node, detail: string): void => {
    out.push({
      rule,
      file: source.path,
      line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      detail,
    });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node)) checkProperty(node);
    if (ts.isShorthandPropertyAssignment(node)) checkShorthand(node);
    if (ts.isCallExpression(node)) checkCall(node);
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      checkText(node, node.text);
    ts.forEachChild(node, visit);
  };

  function checkProperty(node: ts.PropertyAssignment): void {
    const key = nameOf(node.name);
    if (!key) return;
    const value = node.initializer;
    const falseRule = MUST_BE_FALSE[key];
    if (falseRule && value.kind !== ts.SyntaxKind.FalseKeyword)
      report(falseRule, node, `${key}: ${value.getText()}`);
    const trueRule = MUST_BE_TRUE[key];
    if (trueRule && value.kind !== ts.SyntaxKind.TrueKeyword)
      report(trueRule, node, `${key}: ${value.getText()}`);
    if (key === 'enableBlinkFeatures')
      report('blink-features', node, `enableBlinkFeatures: ${value.getText()}`);
    if (
      key === 'sandbox' &&
      ts.isObjectLiteralExpression(node.parent) &&
      isWebPreferencesObject(node.parent) &&
      value.kind !== ts.SyntaxKind.TrueKeyword
    ) {
      report('sandbox-off', node, `sandbox: ${value.getText()}`);
    }
  }

  function checkShorthand(node: ts.ShorthandPropertyAssignment): void {
    const key = node.name.text;
    if (MUST_BE_FALSE[key] || MUST_BE_TRUE[key])
      report(
        (MUST_BE_FALSE[key] ?? MUST_BE_TRUE[key]) as RuleId,
        node,
        `${key} set from a variable`,
      );
    if (key === 'ipcRenderer' && isInsideExposeCall(node))
      report('exposes-ipc-renderer', node, 'ipcRenderer as a property');
  }

  function isInsideExposeCall(node: ts.Node): boolean {
    for (let current = node.parent; current; current = current.parent) {
      if (ts.isCallExpression(current)) return calleeName(current) === 'exposeInMainWorld';
    }
    return false;
  }

  function checkCall(node: ts.CallExpression): void {
    const name = calleeName(node);
    const callee = node.expression;
    switch (name) {
      case 'setPermissionRequestHandler':
        facts.permissionRequestHandler ||=
          node.arguments.length > 0 && node.arguments[0]?.kind !== ts.SyntaxKind.NullKeyword;
        return;
      case 'setPermissionCheckHandler':
        facts.permissionCheckHandler ||=
          node.arguments.length > 0 && node.arguments[0]?.kind !== ts.SyntaxKind.NullKeyword;
        return;
      case 'setWindowOpenHandler':
        facts.windowOpenHandler = true;
        return;
      case 'appendSwitch': {
        const flag = node.arguments[0] ? stringStart(node.arguments[0]) : null;
        if (flag === 'no-sandbox') report('sandbox-off', node, "appendSwitch('no-sandbox')");
        return;
      }
      case 'on':
      case 'once': {
        const [event, listener] = node.arguments;
        if (
          event &&
          stringStart(event) === 'will-navigate' &&
          listener &&
          ts.isFunctionLike(listener) &&
          containsCall(listener, PREVENT, Infinity)
        ) {
          facts.navigationGuard = true;
        }
        return;
      }
      case 'exposeInMainWorld': {
        const exposed = node.arguments[1];
        if (exposed && ts.isIdentifier(exposed) && exposed.text === 'ipcRenderer')
          report('exposes-ipc-renderer', node, 'ipcRenderer exposed directly');
        if (exposed) {
          const visitExposed = (child: ts.Node): void => {
            if (
              ts.isPropertyAssignment(child) &&
              ts.isIdentifier(child.initializer) &&
              child.initializer.text === 'ipcRenderer'
            ) {
              report('exposes-ipc-renderer', child, 'ipcRenderer as a property value');
            }
            ts.forEachChild(child, visitExposed);
          };
          visitExposed(exposed);
        }
        return;
      }
      case 'loadURL':
      case 'loadFile': {
        const target = node.arguments[0] ? stringStart(node.arguments[0]) : null;
        if (name === 'loadFile')
          report('insecure-load-url', node, 'loadFile serves the UI from file://');
        else if (target !== null && /^(http|file):/i.test(target))
          report('insecure-load-url', node, `loadURL('${target}')`);
        return;
      }
      case 'openExternal': {
        if (!ts.isPropertyAccessExpression(callee) || !/\bshell$/.test(callee.expression.getText()))
          return;
        const scope = enclosingFunction(node);
        if (!scope || !containsCall(scope, CONFIRMATIONS, node.getStart()))
          report('open-external-unconfirmed', node, callee.getText());
        return;
      }
    }
  }

  function checkText(node: ts.Node, text: string): void {
    if (/Content-Security-Policy/i.test(text)) facts.cspHeader = true;
    if (/default-src/.test(text) || /script-src\s+'self'/.test(text)) facts.cspDirectives = true;
    if (/script-src[^;]*'unsafe-(inline|eval)'/.test(text))
      report('weak-csp', node, text.slice(0, 80));
  }

  visit(file);
}

export function scanSources(sources: readonly SourceText[]): Violation[] {
  const facts: ProjectFacts = {
    permissionRequestHandler: false,
    permissionCheckHandler: false,
    windowOpenHandler: false,
    navigationGuard: false,
    cspHeader: false,
    cspDirectives: false,
  };
  const out: Violation[] = [];
  for (const source of sources) scanFile(source, facts, out);
  const project = (rule: RuleId): Violation => ({
    rule,
    file: '(project)',
    line: 0,
    detail: RULES[rule],
  });
  if (!facts.permissionRequestHandler) out.push(project('missing-permission-handler'));
  if (!facts.permissionCheckHandler) out.push(project('missing-permission-check-handler'));
  if (!facts.windowOpenHandler) out.push(project('missing-window-open-handler'));
  if (!facts.navigationGuard) out.push(project('missing-navigation-guard'));
  if (!facts.cspHeader || !facts.cspDirectives) out.push(project('missing-csp'));
  return out;
}
