/**
 * Report vocabulary: sheet names and column headers, keyed by the stable machine key that the
 * Fields sheet and the JSON export use. Machine keys are never translated.
 */
import type { Label } from './types.ts';

export const REPORT_SHEET_LABELS = {
  summary: { en: 'Summary', id: 'Ringkasan' },
  checks: { en: 'Checks', id: 'Pemeriksaan' },
  // Excel reserves the sheet name "History" (change tracking), so the English name is longer.
  history: { en: 'Case history', id: 'Riwayat kasus' },
  fields: { en: 'Fields', id: 'Daftar kolom' },
} as const satisfies Record<string, Label>;

export const REPORT_COLUMN_LABELS = {
  'summary.case_id': { en: 'Case', id: 'Kasus' },
  'summary.applicant': { en: 'Applicant', id: 'Pemohon' },
  'summary.nik': { en: 'NIK', id: 'NIK' },
  'summary.loan_id': { en: 'Loan ID', id: 'No. pinjaman' },
  'summary.inbox': { en: 'Inbox', id: 'Kotak masuk' },
  'summary.documents': { en: 'Documents', id: 'Jumlah dokumen' },
  'summary.document_kinds': { en: 'Document kinds', id: 'Jenis dokumen' },
  'summary.verifications': { en: 'Verifications', id: 'Jumlah verifikasi' },
  'summary.stage': { en: 'Stage', id: 'Tahap' },
  'summary.run_status': { en: 'Status', id: 'Status' },
  'summary.decision': { en: 'Decision', id: 'Keputusan' },
  'summary.review': { en: 'Review', id: 'Peninjauan' },
  'summary.open_issues': { en: 'Open issues', id: 'Masalah terbuka' },
  'summary.credits': { en: 'Credits', id: 'Kredit' },
  'summary.assignee': { en: 'Assigned to', id: 'Ditugaskan kepada' },
  'summary.created_at': { en: 'Created', id: 'Dibuat' },
  'summary.updated_at': { en: 'Last update', id: 'Pembaruan terakhir' },

  'service.case_id': { en: 'Case', id: 'Kasus' },
  'service.applicant': { en: 'Applicant', id: 'Pemohon' },
  'service.provider': { en: 'Provider', id: 'Penyedia layanan' },
  'service.service': { en: 'Service', id: 'Layanan' },
  'service.external_id': { en: 'Provider reference', id: 'Referensi penyedia' },
  'service.external_group': { en: 'Provider group reference', id: 'Referensi grup penyedia' },
  'service.run_status': { en: 'Status', id: 'Status' },
  'service.decision': { en: 'Decision', id: 'Keputusan' },
  'service.review': { en: 'Review', id: 'Peninjauan' },
  'service.reviewer': { en: 'Reviewer', id: 'Peninjau' },
  'service.review_reason': { en: "Reviewer's reason", id: 'Alasan peninjau' },
  'service.reasons': { en: 'Reasons', id: 'Alasan' },
  'service.reason_codes': { en: 'Reason codes', id: 'Kode alasan' },
  'service.note': { en: 'Queue note', id: 'Catatan antrean' },
  'service.vendor_status': { en: 'Provider status (raw)', id: 'Status penyedia (asli)' },
  'service.vendor_decision': { en: 'Provider decision (raw)', id: 'Keputusan penyedia (asli)' },
  'service.credits': { en: 'Credits', id: 'Kredit' },
  'service.attempts': { en: 'Attempts', id: 'Jumlah percobaan' },
  'service.submitted_at': { en: 'Submitted', id: 'Dikirim' },
  'service.completed_at': { en: 'Completed', id: 'Selesai' },
  'service.documents': { en: 'Documents', id: 'Dokumen' },
  'service.document_link': { en: 'Stored file', id: 'Berkas tersimpan' },
  'service.superseded': { en: 'Replaced by a retry', id: 'Digantikan percobaan ulang' },
  'service.person.full_name': { en: 'Name (read)', id: 'Nama (terbaca)' },
  'service.person.given_name': { en: 'Given name (read)', id: 'Nama depan (terbaca)' },
  'service.person.family_name': { en: 'Family name (read)', id: 'Nama keluarga (terbaca)' },
  'service.person.birth_date': { en: 'Date of birth (read)', id: 'Tanggal lahir (terbaca)' },
  'service.person.gender': { en: 'Gender (read)', id: 'Jenis kelamin (terbaca)' },
  'service.person.nik': { en: 'NIK (read)', id: 'NIK (terbaca)' },
  'service.document.type': { en: 'Document type (read)', id: 'Jenis dokumen (terbaca)' },
  'service.document.number': { en: 'Document number (read)', id: 'Nomor dokumen (terbaca)' },
  'service.document.issuing_country': {
    en: 'Issuing country (read)',
    id: 'Negara penerbit (terbaca)',
  },
  'service.document.issue_date': { en: 'Issue date (read)', id: 'Tanggal terbit (terbaca)' },
  'service.document.expiry_date': { en: 'Expiry date (read)', id: 'Berlaku sampai (terbaca)' },
  'service.address.full': { en: 'Address (read)', id: 'Alamat (terbaca)' },
  'service.address.street': { en: 'Street (read)', id: 'Jalan (terbaca)' },
  'service.address.city': { en: 'City (read)', id: 'Kota (terbaca)' },
  'service.address.region': { en: 'Region (read)', id: 'Provinsi/wilayah (terbaca)' },
  'service.address.postal_code': { en: 'Postal code (read)', id: 'Kode pos (terbaca)' },
  'service.address.country': { en: 'Country (read)', id: 'Negara (terbaca)' },

  'checks.case_id': { en: 'Case', id: 'Kasus' },
  'checks.source': { en: 'Source', id: 'Sumber' },
  'checks.type': { en: 'Check', id: 'Pemeriksaan' },
  'checks.name': { en: 'Rule or section', id: 'Aturan atau bagian' },
  'checks.outcome': { en: 'Outcome', id: 'Hasil' },
  'checks.blocking': { en: 'Blocks sending', id: 'Menahan pengiriman' },
  'checks.score': { en: 'Score', id: 'Skor' },
  'checks.score_scale': { en: 'Score scale', id: 'Skala skor' },
  'checks.score_threshold': { en: 'Threshold', id: 'Ambang batas' },
  'checks.score_level': { en: 'Score level', id: 'Tingkat skor' },
  'checks.reasons': { en: 'Reasons', id: 'Alasan' },
  'checks.reason_codes': { en: 'Reason codes', id: 'Kode alasan' },
  'checks.document': { en: 'Document', id: 'Dokumen' },
  'checks.document_kind': { en: 'Document kind', id: 'Jenis dokumen' },
  'checks.verification': { en: 'Verification', id: 'Verifikasi' },
  'checks.external_id': { en: 'Provider reference', id: 'Referensi penyedia' },
  'checks.checked_at': { en: 'Checked', id: 'Waktu pemeriksaan' },

  'history.at': { en: 'Time', id: 'Waktu' },
  'history.case_id': { en: 'Case', id: 'Kasus' },
  'history.entity': { en: 'Concerns', id: 'Terkait' },
  'history.subject': { en: 'Item', id: 'Objek' },
  'history.what': { en: 'What happened', id: 'Kejadian' },
  'history.from': { en: 'From', id: 'Dari' },
  'history.to': { en: 'To', id: 'Menjadi' },
  'history.actor': { en: 'By', id: 'Oleh' },
  'history.reason': { en: 'Reason', id: 'Alasan' },

  'fields.sheet': { en: 'Sheet', id: 'Lembar' },
  'fields.column': { en: 'Column', id: 'Kolom' },
  'fields.header': { en: 'Header', id: 'Judul kolom' },
  'fields.key': { en: 'Machine key', id: 'Kunci mesin' },
  'fields.type': { en: 'Type', id: 'Tipe' },
} as const satisfies Record<string, Label>;

export type ReportColumnKey = keyof typeof REPORT_COLUMN_LABELS;

/** What a column holds, shown in the Fields sheet. */
export const REPORT_VALUE_TYPE_LABELS = {
  text: { en: 'Text', id: 'Teks' },
  code: { en: 'Identifier (text)', id: 'Nomor identitas (teks)' },
  status: { en: 'Status', id: 'Status' },
  integer: { en: 'Whole number', id: 'Bilangan bulat' },
  number: { en: 'Number', id: 'Angka' },
  datetime: { en: 'Date and time (local)', id: 'Tanggal dan waktu (lokal)' },
  date: { en: 'Date', id: 'Tanggal' },
  link: { en: 'Link to the stored file', id: 'Tautan ke berkas tersimpan' },
  yesno: { en: 'Yes / No', id: 'Ya / Tidak' },
  list: { en: 'List', id: 'Daftar' },
  value: {
    en: 'Value as returned (text, number or date)',
    id: 'Nilai sesuai hasil (teks, angka atau tanggal)',
  },
} as const satisfies Record<string, Label>;

export type ReportValueType = keyof typeof REPORT_VALUE_TYPE_LABELS;
