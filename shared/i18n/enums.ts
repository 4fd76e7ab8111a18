/**
 * Labels for every canonical enum value (shared/model.ts, shared/contract.ts). The `satisfies`
 * clauses make a new enum value a compile error until it has both an English and an Indonesian
 * label. Codes themselves are never translated; only what a person reads.
 */
import type {
  FileState,
  INBOX_STATES,
  ProviderHealth,
  ReportJob,
  ReviewAction,
  Stage,
} from '../contract.ts';
import type {
  CheckOutcome,
  CheckType,
  Decision,
  DocumentKind,
  ReviewState,
  RunStatus,
  Severity,
} from '../model.ts';
import type { Label } from './types.ts';

export const RUN_STATUS_LABELS = {
  DRAFT: { en: 'Draft', id: 'Draf' },
  AWAITING_INPUT: { en: 'Awaiting input', id: 'Menunggu masukan' },
  QUEUED: { en: 'Queued', id: 'Dalam antrean' },
  PROCESSING: { en: 'Processing', id: 'Sedang diproses' },
  ON_HOLD: { en: 'On hold', id: 'Ditahan' },
  COMPLETED: { en: 'Completed', id: 'Selesai' },
  FAILED: { en: 'Failed', id: 'Gagal' },
  EXPIRED: { en: 'Expired', id: 'Kedaluwarsa' },
  CANCELLED: { en: 'Cancelled', id: 'Dibatalkan' },
} as const satisfies Record<RunStatus, Label>;

export const DECISION_LABELS = {
  PENDING: { en: 'Pending', id: 'Menunggu keputusan' },
  APPROVED: { en: 'Approved', id: 'Disetujui' },
  DECLINED: { en: 'Declined', id: 'Ditolak' },
  REVIEW: { en: 'Needs review', id: 'Perlu ditinjau' },
  INCONCLUSIVE: { en: 'Inconclusive', id: 'Tidak dapat disimpulkan' },
  NOT_APPLICABLE: { en: 'Not applicable', id: 'Tidak berlaku' },
} as const satisfies Record<Decision, Label>;

export const REVIEW_STATE_LABELS = {
  NONE: { en: 'Not needed', id: 'Tidak diperlukan' },
  REQUIRED: { en: 'Review required', id: 'Perlu peninjauan' },
  IN_REVIEW: { en: 'In review', id: 'Sedang ditinjau' },
  RESOLVED_APPROVED: { en: 'Approved by reviewer', id: 'Disetujui peninjau' },
  RESOLVED_DECLINED: { en: 'Declined by reviewer', id: 'Ditolak peninjau' },
} as const satisfies Record<ReviewState, Label>;

export const CHECK_TYPE_LABELS = {
  DOC_AUTHENTICITY: { en: 'Document authenticity', id: 'Keaslian dokumen' },
  DOC_OCR: { en: 'Text reading (OCR)', id: 'Pembacaan teks (OCR)' },
  DOC_QUALITY: { en: 'Image quality', id: 'Kualitas gambar' },
  DOC_EXPIRY: { en: 'Document expiry', id: 'Masa berlaku dokumen' },
  DATA_MATCH: { en: 'Data match', id: 'Kecocokan data' },
  GOV_DB_LOOKUP: { en: 'Government database check', id: 'Pengecekan basis data pemerintah' },
  FACE_MATCH: { en: 'Face match', id: 'Kecocokan wajah' },
  LIVENESS: { en: 'Liveness', id: 'Deteksi wajah hidup (liveness)' },
  AGE: { en: 'Age', id: 'Usia' },
  AML_SCREENING: { en: 'AML screening', id: 'Penyaringan APU-PPT' },
  FRAUD_SIGNALS: { en: 'Fraud signals', id: 'Indikasi penipuan' },
  DUPLICATE: { en: 'Duplicate', id: 'Duplikat' },
  ADDRESS_PROOF: { en: 'Proof of address', id: 'Bukti alamat' },
  FINANCIAL_ANALYSIS: { en: 'Financial analysis', id: 'Analisis keuangan' },
  RISK_RULES: { en: 'Risk rules', id: 'Aturan risiko' },
  ID_NUMBER: { en: 'ID number rules', id: 'Validasi nomor identitas' },
  FILE_INTEGRITY: { en: 'File integrity', id: 'Keutuhan berkas' },
  OTHER: { en: 'Other', id: 'Lainnya' },
} as const satisfies Record<CheckType, Label>;

export const CHECK_OUTCOME_LABELS = {
  PASS: { en: 'Pass', id: 'Lolos' },
  FAIL: { en: 'Fail', id: 'Gagal' },
  REVIEW: { en: 'Needs review', id: 'Perlu ditinjau' },
  INFO: { en: 'Information', id: 'Informasi' },
  NOT_RUN: { en: 'Not run', id: 'Tidak dijalankan' },
  PENDING: { en: 'Pending', id: 'Menunggu' },
  ERROR: { en: 'Error', id: 'Kesalahan' },
} as const satisfies Record<CheckOutcome, Label>;

export const DOCUMENT_KIND_LABELS = {
  KTP: { en: 'ID card (KTP)', id: 'Kartu Tanda Penduduk (KTP)' },
  SELFIE: { en: 'Selfie', id: 'Swafoto' },
  KK: { en: 'Family card (KK)', id: 'Kartu Keluarga (KK)' },
  NPWP: { en: 'Tax ID card (NPWP)', id: 'Kartu NPWP' },
  PASSPORT: { en: 'Passport', id: 'Paspor' },
  BPKB: { en: 'Vehicle ownership book (BPKB)', id: 'Buku Pemilik Kendaraan Bermotor (BPKB)' },
  STNK: { en: 'Vehicle registration (STNK)', id: 'Surat Tanda Nomor Kendaraan (STNK)' },
  LAND_CERTIFICATE: { en: 'Land certificate', id: 'Sertifikat tanah' },
  BANK_STATEMENT: { en: 'Bank statement', id: 'Rekening koran' },
  FINANCIAL_STATEMENT: { en: 'Financial statement', id: 'Laporan keuangan' },
  PROOF_OF_ADDRESS: { en: 'Proof of address', id: 'Bukti alamat' },
  OTHER: { en: 'Other document', id: 'Dokumen lain' },
} as const satisfies Record<DocumentKind, Label>;

export const STAGE_LABELS = {
  INTAKE: { en: 'Receiving files', id: 'Penerimaan berkas' },
  CHECKING: { en: 'Checking', id: 'Sedang diperiksa' },
  BLOCKED: { en: 'Blocked', id: 'Diblokir' },
  WAITING_CASE: { en: 'Waiting for the case', id: 'Menunggu kelengkapan kasus' },
  QUEUED: { en: 'Queued', id: 'Dalam antrean' },
  SUBMITTED: { en: 'Submitted', id: 'Terkirim' },
  IN_DOUBT: { en: 'In doubt', id: 'Status pengiriman belum pasti' },
  REVIEW: { en: 'Needs review', id: 'Perlu ditinjau' },
  DONE: { en: 'Done', id: 'Selesai' },
  NOT_SENT: { en: 'Not sent', id: 'Tidak dikirim' },
  CANCELLED: { en: 'Cancelled', id: 'Dibatalkan' },
} as const satisfies Record<Stage, Label>;

export const FILE_STATE_LABELS = {
  WAITING: { en: 'Waiting', id: 'Menunggu' },
  RECORDED: { en: 'Recorded', id: 'Tercatat' },
  DUPLICATE: { en: 'Duplicate', id: 'Duplikat' },
  CASE_DATA: { en: 'Applicant data', id: 'Data pemohon' },
  IGNORED: { en: 'Ignored', id: 'Diabaikan' },
  EMPTY: { en: 'Empty file', id: 'Berkas kosong' },
  UNSUPPORTED: { en: 'Unsupported', id: 'Tidak didukung' },
  UNREADABLE: { en: 'Unreadable', id: 'Tidak dapat dibaca' },
  TOO_LARGE: { en: 'Too large', id: 'Terlalu besar' },
  VANISHED: { en: 'Disappeared', id: 'Hilang' },
} as const satisfies Record<FileState, Label>;

export const SEVERITY_LABELS = {
  ERROR: { en: 'Error', id: 'Kesalahan' },
  WARNING: { en: 'Warning', id: 'Peringatan' },
  INFO: { en: 'Information', id: 'Informasi' },
} as const satisfies Record<Severity, Label>;

export const CHECK_SOURCE_LABELS = {
  preflight: { en: 'Pre-flight (local)', id: 'Pra-pemeriksaan (lokal)' },
  provider: { en: 'Provider', id: 'Penyedia layanan' },
} as const satisfies Record<'preflight' | 'provider', Label>;

/**
 * Verification queue phases (electron/engine/ledger/verifications.ts PHASES, which shared/ cannot
 * import; test/unit/i18n/coverage.test.ts keeps the two lists equal).
 */
export const PHASE_LABELS = {
  HELD: { en: 'Held until the case is complete', id: 'Ditahan sampai kasus lengkap' },
  READY: { en: 'Ready to send', id: 'Siap dikirim' },
  SUBMITTING: { en: 'Sending', id: 'Sedang dikirim' },
  IN_DOUBT: { en: 'In doubt', id: 'Status pengiriman belum pasti' },
  POLLING: { en: 'Waiting for the result', id: 'Menunggu hasil' },
  ACTION: { en: 'Action pending at the provider', id: 'Menunggu tindakan di penyedia' },
  ON_HOLD: { en: 'On hold', id: 'Ditahan' },
  NEEDS_PERSON: { en: 'Needs a person', id: 'Perlu tindakan petugas' },
  DONE: { en: 'Done', id: 'Selesai' },
  CANCELLED: { en: 'Cancelled', id: 'Dibatalkan' },
} as const satisfies Record<string, Label>;

/** Document pre-flight states (electron/engine/ledger/documents.ts PreflightState). */
export const PREFLIGHT_LABELS = {
  PENDING: { en: 'Not checked yet', id: 'Belum diperiksa' },
  PASSED: { en: 'Passed', id: 'Lolos' },
  FLAGGED: { en: 'Flagged', id: 'Ditandai' },
  BLOCKED: { en: 'Blocked', id: 'Diblokir' },
  OVERRIDDEN: { en: 'Block overridden', id: 'Blokir diabaikan' },
} as const satisfies Record<string, Label>;

export const REVIEW_ACTION_LABELS = {
  approve: { en: 'Approve', id: 'Setujui' },
  reject: { en: 'Reject', id: 'Tolak' },
  hold: { en: 'Hold', id: 'Tahan' },
  resume: { en: 'Resume', id: 'Lanjutkan' },
  cancel: { en: 'Cancel', id: 'Batalkan' },
  resubmit: { en: 'Resubmit', id: 'Kirim ulang' },
  retry: { en: 'Retry', id: 'Coba lagi' },
  confirm_fraud: { en: 'Confirm fraud flag', id: 'Konfirmasi indikasi penipuan' },
  cancel_fraud: { en: 'Clear fraud flag', id: 'Batalkan indikasi penipuan' },
  resolve_in_doubt_found: { en: 'Found at the provider', id: 'Ditemukan di penyedia layanan' },
  resolve_in_doubt_not_sent: { en: 'Confirmed not sent', id: 'Dipastikan belum terkirim' },
  override_block: { en: 'Override block', id: 'Abaikan blokir' },
  confirm_approval: { en: 'Confirm approval', id: 'Konfirmasi persetujuan' },
} as const satisfies Record<ReviewAction, Label>;

/** Inbox watcher states (shared/contract.ts INBOX_STATES). */
export const INBOX_STATE_LABELS = {
  starting: { en: 'Starting', id: 'Sedang dimulai' },
  watching: { en: 'Watching', id: 'Memantau' },
  polling: { en: 'Polling', id: 'Memeriksa berkala' },
  unreachable: { en: 'Unreachable', id: 'Tidak dapat diakses' },
  paused: { en: 'Paused', id: 'Dijeda' },
} as const satisfies Record<(typeof INBOX_STATES)[number], Label>;

/** Export (report) job states (shared/contract.ts ReportJob.state). */
export const REPORT_JOB_STATE_LABELS = {
  running: { en: 'Running', id: 'Sedang berjalan' },
  done: { en: 'Done', id: 'Selesai' },
  failed: { en: 'Failed', id: 'Gagal' },
  cancelled: { en: 'Cancelled', id: 'Dibatalkan' },
} as const satisfies Record<ReportJob['state'], Label>;

export const PROVIDER_HEALTH_LABELS = {
  unknown: { en: 'Unknown', id: 'Belum diketahui' },
  online: { en: 'Online', id: 'Terhubung' },
  offline: { en: 'Offline', id: 'Tidak terhubung' },
  rate_limited: { en: 'Rate limited', id: 'Dibatasi sementara' },
  auth_failed: { en: 'Sign-in failed', id: 'Autentikasi gagal' },
  no_credit: { en: 'Out of credit', id: 'Kredit habis' },
  disabled: { en: 'Disabled', id: 'Dinonaktifkan' },
} as const satisfies Record<ProviderHealth, Label>;

/** What a history event is about (events.entity). */
export const ENTITY_LABELS = {
  file: { en: 'File', id: 'Berkas' },
  document: { en: 'Document', id: 'Dokumen' },
  case: { en: 'Case', id: 'Kasus' },
  verification: { en: 'Verification', id: 'Verifikasi' },
  inbox: { en: 'Inbox', id: 'Kotak masuk' },
  provider: { en: 'Provider', id: 'Penyedia layanan' },
  report: { en: 'Report', id: 'Laporan' },
  engine: { en: 'CheckDesk', id: 'CheckDesk' },
} as const satisfies Record<string, Label>;

/**
 * What happened (events.what): every name the engine appends to the history, including each
 * `review:<action>` a person's decision records. test/unit/i18n/coverage.test.ts reads the engine
 * and fails when a name has no label here. A name this table does not know is shown as written.
 */
export const EVENT_LABELS = {
  // Inboxes and files
  inbox_added: { en: 'Inbox added', id: 'Kotak masuk ditambahkan' },
  inbox_restored: { en: 'Inbox added again', id: 'Kotak masuk ditambahkan kembali' },
  inbox_updated: { en: 'Inbox settings changed', id: 'Pengaturan kotak masuk diubah' },
  inbox_removed: { en: 'Inbox removed', id: 'Kotak masuk dihapus' },
  inbox_state: { en: 'Inbox state changed', id: 'Status kotak masuk berubah' },
  file_recorded: { en: 'File recorded', id: 'Berkas dicatat' },
  file_duplicate: { en: 'Duplicate file', id: 'Berkas duplikat' },
  file_moved: { en: 'File moved or renamed', id: 'Berkas dipindahkan atau diganti nama' },
  file_settled: { en: 'File processed', id: 'Berkas selesai diproses' },
  file_vanished: { en: 'File disappeared', id: 'Berkas hilang' },
  original_moved: {
    en: 'Original moved to the processed folder',
    id: 'Berkas asli dipindahkan ke folder selesai',
  },

  // Cases and documents
  case_opened: { en: 'Case opened', id: 'Kasus dibuka' },
  expected_data: { en: 'Applicant data read', id: 'Data pemohon dibaca' },
  case_data_problem: { en: 'Problem in the applicant data', id: 'Masalah pada data pemohon' },
  preflight: { en: 'Pre-flight checks', id: 'Pra-pemeriksaan' },
  not_sent: { en: 'Document not sent', id: 'Dokumen tidak dikirim' },
  planned: { en: 'Verification planned', id: 'Verifikasi direncanakan' },
  case_planned: {
    en: 'Verifications planned for the case',
    id: 'Verifikasi untuk kasus direncanakan',
  },
  assigned: { en: 'Assigned', id: 'Ditugaskan' },

  // Sending and results
  submitted: { en: 'Sent to the provider', id: 'Dikirim ke penyedia layanan' },
  imported: {
    en: "Imported from the provider's results",
    id: 'Diimpor dari hasil penyedia layanan',
  },
  result: { en: 'Result received', id: 'Hasil diterima' },
  provider_history: {
    en: 'Status change at the provider',
    id: 'Perubahan status di penyedia layanan',
  },
  in_doubt: { en: 'Submission in doubt', id: 'Pengiriman belum pasti' },
  in_doubt_unresolved: {
    en: 'Still in doubt; a person must check at the provider',
    id: 'Masih belum pasti; petugas perlu mengecek ke penyedia layanan',
  },
  adopted: {
    en: 'Found at the provider; not sent again',
    id: 'Ditemukan di penyedia layanan; tidak dikirim ulang',
  },
  reconciled_absent: {
    en: 'Confirmed not received by the provider; sending now',
    id: 'Dipastikan belum diterima penyedia layanan; dikirim sekarang',
  },
  not_sendable: { en: 'Cannot be sent from CheckDesk', id: 'Tidak dapat dikirim dari CheckDesk' },
  missing_at_provider: {
    en: 'No longer known at the provider',
    id: 'Tidak lagi dikenal oleh penyedia layanan',
  },
  duplicate_at_provider: {
    en: 'Already at the provider (duplicate)',
    id: 'Sudah ada di penyedia layanan (duplikat)',
  },
  needs_person: {
    en: 'Refused by the provider; needs a person',
    id: 'Ditolak penyedia layanan; perlu tindakan petugas',
  },
  provider_action: {
    en: 'Action carried out at the provider',
    id: 'Tindakan dilaksanakan di penyedia layanan',
  },
  action_refused: { en: 'Action refused by the provider', id: 'Tindakan ditolak penyedia layanan' },
  action_failed: { en: 'Action could not be sent', id: 'Tindakan tidak dapat dikirim' },

  // A person's decisions (review/apply.ts: `review:${action}`)
  'review:approve': { en: 'Approved by a reviewer', id: 'Disetujui oleh peninjau' },
  'review:approve_first': {
    en: 'First approval; waiting for a second person',
    id: 'Persetujuan pertama; menunggu orang kedua',
  },
  'review:confirm_approval': {
    en: 'Approval confirmed by a second person',
    id: 'Persetujuan dikonfirmasi oleh orang kedua',
  },
  'review:reject': { en: 'Rejected by a reviewer', id: 'Ditolak oleh peninjau' },
  'review:hold': { en: 'Put on hold', id: 'Ditahan' },
  'review:resume': { en: 'Resumed', id: 'Dilanjutkan' },
  'review:cancel': { en: 'Cancelled by a reviewer', id: 'Dibatalkan oleh peninjau' },
  'review:resubmit': { en: 'Resubmission requested', id: 'Pengiriman ulang diminta' },
  'review:retry': { en: 'Retry requested', id: 'Percobaan ulang diminta' },
  'review:confirm_fraud': {
    en: 'Fraud warning checked; the provider may continue',
    id: 'Peringatan penipuan sudah diperiksa; penyedia layanan boleh melanjutkan',
  },
  'review:cancel_fraud': { en: 'Stopped as fraud', id: 'Dihentikan karena penipuan' },
  'review:resolve_in_doubt_found': {
    en: 'Marked as found at the provider',
    id: 'Ditandai sudah ada di penyedia layanan',
  },
  'review:resolve_in_doubt_not_sent': {
    en: 'Marked as never sent',
    id: 'Ditandai belum pernah terkirim',
  },
  'review:override_block': {
    en: 'Block overridden by a reviewer',
    id: 'Blokir diabaikan oleh peninjau',
  },
  'review:released': {
    en: 'Released for sending after the block was overridden',
    id: 'Dilepas untuk dikirim setelah blokir diabaikan',
  },
  held: {
    en: 'Held: a document must be cleared before sending',
    id: 'Ditahan: sebuah dokumen harus dibereskan sebelum dikirim',
  },
  released: {
    en: 'Released for sending after the document passed the checks',
    id: 'Dilepas untuk dikirim setelah dokumen lolos pemeriksaan',
  },
  password_entered: {
    en: 'PDF password entered',
    id: 'Kata sandi PDF dimasukkan',
  },
  password_wrong: {
    en: 'Wrong PDF password entered',
    id: 'Kata sandi PDF yang dimasukkan salah',
  },
  password_needed_again: {
    en: 'PDF password needed again after a restart',
    id: 'Kata sandi PDF diperlukan lagi setelah aplikasi dimulai ulang',
  },

  // Providers, reports and the ledger
  provider_configured: {
    en: 'Provider settings changed',
    id: 'Pengaturan penyedia layanan diubah',
  },
  provider_health: { en: 'Provider status changed', id: 'Status penyedia layanan berubah' },
  report_written: { en: 'Report written', id: 'Laporan dibuat' },
  ledger_restored: {
    en: 'Ledger restored from a backup',
    id: 'Basis data dipulihkan dari cadangan',
  },
  reconcile_after_restore: {
    en: 'Checked with the provider after a restore',
    id: 'Dicek ke penyedia layanan setelah pemulihan',
  },
} as const satisfies Record<string, Label>;

export const YES_NO_LABELS = {
  yes: { en: 'Yes', id: 'Ya' },
  no: { en: 'No', id: 'Tidak' },
} as const satisfies Record<'yes' | 'no', Label>;
