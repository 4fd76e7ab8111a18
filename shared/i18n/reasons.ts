/**
 * Plain-language texts for the canonical reason codes: providers' mapped codes, the local
 * pre-flight checks, the ID-number rules and the queue's own errors. The code stays the key
 * everywhere; these texts are what a clerk or a credit committee reads. A code missing here is
 * shown with the message that came with it; test/unit/i18n/coverage.test.ts reads the engine and
 * fails when a code it can produce has no text here.
 */
import type { Label } from './types.ts';

export const REASON_LABELS: Readonly<Record<string, Label>> = {
  // Face and liveness
  FACE_MISMATCH: {
    en: 'The face does not match the ID photo.',
    id: 'Wajah tidak cocok dengan foto identitas.',
  },
  LIVENESS_FAILED: {
    en: 'The liveness check failed (possible photo or screen attack).',
    id: 'Pemeriksaan wajah hidup gagal (kemungkinan foto atau layar).',
  },
  FACE_IMAGE_UNUSABLE: {
    en: 'The face image cannot be used; take a new selfie.',
    id: 'Gambar wajah tidak dapat digunakan; ambil swafoto baru.',
  },
  NO_FACE_DETECTED: {
    en: 'No face was found in the image.',
    id: 'Tidak ada wajah yang terdeteksi pada gambar.',
  },
  SELFIE_MISSING: { en: 'The selfie is missing.', id: 'Swafoto belum ada.' },

  // Document
  DOC_TAMPERED: {
    en: 'The document shows signs of tampering.',
    id: 'Dokumen menunjukkan tanda-tanda dimanipulasi.',
  },
  DOC_FORGERY_SIGN: {
    en: 'The file shows signs of editing.',
    id: 'Berkas menunjukkan tanda-tanda penyuntingan.',
  },
  DOC_EXPIRED: { en: 'The document has expired.', id: 'Masa berlaku dokumen sudah habis.' },
  DOC_TYPE_UNSUPPORTED: {
    en: 'This document type is not supported by the service.',
    id: 'Jenis dokumen ini tidak didukung oleh layanan.',
  },
  DOC_TYPE_MISMATCH: {
    en: 'The document is not of the expected type.',
    id: 'Jenis dokumen tidak sesuai dengan yang diharapkan.',
  },
  DOC_IMAGE_UNUSABLE: {
    en: 'The document image cannot be used; scan it again.',
    id: 'Gambar dokumen tidak dapat digunakan; pindai ulang.',
  },
  DOC_SIDES_INCONSISTENT: {
    en: 'The front and back of the document do not agree.',
    id: 'Sisi depan dan belakang dokumen tidak sesuai.',
  },
  DOC_SIDE_MISSING: {
    en: 'One side of the document is missing.',
    id: 'Salah satu sisi dokumen belum ada.',
  },
  DOC_BLURRY: { en: 'The image is blurry.', id: 'Gambar buram.' },
  DOC_TOO_DARK: { en: 'The image is too dark.', id: 'Gambar terlalu gelap.' },
  DOC_OVEREXPOSED: { en: 'The image is overexposed.', id: 'Gambar terlalu terang.' },
  DOC_QUALITY_FLAG: { en: 'The image quality is doubtful.', id: 'Kualitas gambar meragukan.' },
  DOC_NOT_AUTHENTIC: {
    en: 'The provider could not confirm that the document is genuine.',
    id: 'Penyedia tidak dapat memastikan keaslian dokumen.',
  },
  DOC_REJECTED: {
    en: 'The provider rejected the identity document.',
    id: 'Penyedia menolak dokumen identitas.',
  },
  DOC_RISK_INDICATOR: {
    en: 'The provider found a risk indicator on the document.',
    id: 'Penyedia menemukan indikasi risiko pada dokumen.',
  },
  DOCUMENT_REJECTED: {
    en: 'The provider rejected this document.',
    id: 'Penyedia menolak dokumen ini.',
  },
  DOCUMENT_NEEDS_REVIEW: {
    en: 'The provider asks a person to double-check this document.',
    id: 'Penyedia meminta petugas memeriksa ulang dokumen ini.',
  },
  ADDRESS_PROOF_REJECTED: {
    en: 'The provider rejected the proof of address.',
    id: 'Penyedia menolak bukti alamat.',
  },
  OCR_FAILED: {
    en: 'The text on the document could not be read.',
    id: 'Teks pada dokumen tidak dapat dibaca.',
  },
  FILE_TOO_LARGE: {
    en: 'The file is too large to be checked or sent; send a smaller file.',
    id: 'Berkas terlalu besar untuk diperiksa atau dikirim; kirim berkas yang lebih kecil.',
  },
  FILE_FORMAT_UNSUPPORTED: {
    en: 'The file format is not supported by the service.',
    id: 'Format berkas tidak didukung oleh layanan.',
  },

  // Data and risk
  INPUT_DATA_INVALID: {
    en: 'The data sent to the provider was incomplete or invalid.',
    id: 'Data yang dikirim ke penyedia tidak lengkap atau tidak valid.',
  },
  DATA_MISMATCH: {
    en: 'The data read does not match the declared data.',
    id: 'Data yang terbaca tidak cocok dengan data yang dinyatakan.',
  },
  NAME_MISMATCH: {
    en: 'The name on the document does not match the declared name.',
    id: 'Nama pada dokumen tidak cocok dengan nama yang dinyatakan.',
  },
  NIK_MISMATCH: {
    en: 'The NIK on the document differs from the declared NIK.',
    id: 'NIK pada dokumen berbeda dengan NIK yang dinyatakan.',
  },
  BIRTH_DATE_MISMATCH: {
    en: 'The birth date on the document differs from the declared one.',
    id: 'Tanggal lahir pada dokumen berbeda dengan tanggal lahir yang dinyatakan.',
  },
  GENDER_MISMATCH: {
    en: 'The gender on the document differs from the declared one.',
    id: 'Jenis kelamin pada dokumen berbeda dengan yang dinyatakan.',
  },
  ADDRESS_MISMATCH: {
    en: 'The address on the document does not match the declared address.',
    id: 'Alamat pada dokumen tidak cocok dengan alamat yang dinyatakan.',
  },
  FIELD_MISMATCH: {
    en: 'A detail read from the document does not match the reference sources.',
    id: 'Data yang terbaca dari dokumen tidak cocok dengan sumber rujukan.',
  },
  NIK_GENDER_MISMATCH: {
    en: 'The gender encoded in the NIK differs from the one on the document.',
    id: 'Jenis kelamin menurut NIK berbeda dengan yang tertera pada dokumen.',
  },
  NIK_BIRTH_DATE_MISMATCH: {
    en: 'The birth date encoded in the NIK differs from the one on the document; check it.',
    id: 'Tanggal lahir menurut NIK berbeda dengan yang tertera pada dokumen; periksa kembali.',
  },
  NIK_REGION_DIFFERS: {
    en: 'The NIK was issued in another province than the one shown; holders keep their NIK when they move.',
    id: 'NIK diterbitkan di provinsi lain daripada yang tertera; pemilik tetap memakai NIK yang sama setelah pindah.',
  },
  DECLARED_NIK_GENDER_MISMATCH: {
    en: 'The declared NIK does not agree with the declared gender.',
    id: 'NIK yang dinyatakan tidak sesuai dengan jenis kelamin yang dinyatakan.',
  },
  DECLARED_NIK_BIRTH_DATE_MISMATCH: {
    en: 'The declared NIK does not agree with the declared birth date.',
    id: 'NIK yang dinyatakan tidak sesuai dengan tanggal lahir yang dinyatakan.',
  },
  NPWP_NIK_MISMATCH: {
    en: "The declared NPWP is a NIK, but not the applicant's NIK.",
    id: 'NPWP yang dinyatakan berupa NIK, tetapi bukan NIK pemohon.',
  },
  NIK_NOT_VERIFIED: {
    en: 'The NIK was not confirmed by the population registry.',
    id: 'NIK tidak terkonfirmasi di basis data kependudukan.',
  },
  GOV_DB_MISMATCH: {
    en: 'The government database check did not confirm the data.',
    id: 'Pengecekan basis data pemerintah tidak mengonfirmasi data tersebut.',
  },
  UNDERAGE: {
    en: 'The applicant is under the minimum age.',
    id: 'Usia pemohon di bawah batas minimum.',
  },
  NATIONALITY_NOT_ALLOWED: {
    en: 'The nationality is not allowed.',
    id: 'Kewarganegaraan tidak diizinkan.',
  },
  RISK_RULE_HIT: { en: 'A risk rule was triggered.', id: 'Aturan risiko terpicu.' },
  FRAUD_SUSPECTED: {
    en: 'The provider suspects fraud; a person must confirm before it continues.',
    id: 'Penyedia mencurigai penipuan; petugas harus mengonfirmasi sebelum dilanjutkan.',
  },
  FRAUD_INDICATORS: {
    en: 'The provider found signs of tampering.',
    id: 'Penyedia menemukan tanda-tanda manipulasi.',
  },
  FRAUD_CONFIRMED: {
    en: 'A person confirmed the fraud suspicion; the verification was stopped.',
    id: 'Petugas mengonfirmasi dugaan penipuan; verifikasi dihentikan.',
  },
  BOT_DETECTED: {
    en: 'The session looked automated (bot).',
    id: 'Sesi tampak dijalankan secara otomatis (bot).',
  },
  INCOGNITO_BROWSER: {
    en: 'The applicant used a private (incognito) browser window.',
    id: 'Pemohon menggunakan jendela penyamaran (incognito) pada peramban.',
  },
  VPN_DETECTED: {
    en: 'The applicant used a VPN or proxy.',
    id: 'Pemohon menggunakan VPN atau proksi.',
  },
  DISPOSABLE_EMAIL: {
    en: 'The e-mail address comes from a disposable-address service.',
    id: 'Alamat email berasal dari layanan alamat sekali pakai.',
  },
  DISPOSABLE_PHONE: {
    en: 'The phone number is a disposable number.',
    id: 'Nomor telepon merupakan nomor sekali pakai.',
  },
  PHONE_INVALID: { en: 'The phone number is not valid.', id: 'Nomor telepon tidak valid.' },
  EXACT_DUPLICATE: {
    en: 'This exact file was already received; it is not sent or paid for again.',
    id: 'Berkas yang persis sama sudah pernah diterima; berkas ini tidak dikirim atau dibayar lagi.',
  },
  DUPLICATE_DOCUMENT: {
    en: 'The same document was already received.',
    id: 'Dokumen yang sama sudah pernah diterima.',
  },
  NEAR_DUPLICATE: {
    en: 'A very similar document was already received.',
    id: 'Dokumen yang sangat mirip sudah pernah diterima.',
  },

  // Anti-money-laundering screening (APU-PPT); AML_<hit type> for each AiPrise hit type
  PEP_MATCH: {
    en: 'The person may be a politically exposed person (PEP).',
    id: 'Yang bersangkutan mungkin termasuk orang yang populer secara politik (PEP).',
  },
  POTENTIAL_MATCH: {
    en: 'A screening list returned a potential match.',
    id: 'Daftar penyaringan menunjukkan kemungkinan kecocokan.',
  },
  AML_DECLINED: {
    en: 'The applicant did not pass the AML screening.',
    id: 'Pemohon tidak lolos penyaringan APU-PPT.',
  },
  AML_HIT: {
    en: 'The AML screening found watch-list hits; a person must review them.',
    id: 'Penyaringan APU-PPT menemukan kecocokan pada daftar pantauan; petugas harus meninjaunya.',
  },
  AML_PEP: {
    en: 'Possible match with a politically exposed person (PEP).',
    id: 'Kemungkinan cocok dengan orang yang populer secara politik (PEP).',
  },
  AML_SANCTION: {
    en: 'Possible match on a sanctions list.',
    id: 'Kemungkinan cocok dengan daftar sanksi.',
  },
  AML_ADVERSE_MEDIA: {
    en: 'Possible match in adverse media reports.',
    id: 'Kemungkinan cocok dengan pemberitaan negatif di media.',
  },
  AML_WARNING: {
    en: 'Possible match on a warning list.',
    id: 'Kemungkinan cocok dengan daftar peringatan.',
  },
  AML_FITNESS_PROBITY: {
    en: 'Possible match on a fitness and probity list.',
    id: 'Kemungkinan cocok dengan daftar terkait uji kemampuan dan kepatutan.',
  },
  AML_CRIMINAL_RECORD: {
    en: 'Possible match with a criminal record.',
    id: 'Kemungkinan cocok dengan catatan kriminal.',
  },
  AML_LEGAL_BACKGROUND: {
    en: 'Possible match in records of legal proceedings.',
    id: 'Kemungkinan cocok dengan catatan perkara hukum.',
  },
  AML_UNKNOWN: {
    en: 'A watch-list hit of an unspecified type.',
    id: 'Kecocokan pada daftar pantauan dengan jenis yang tidak disebutkan.',
  },

  // Provider and process
  NOT_VERIFIED: {
    en: 'The provider could not verify the document.',
    id: 'Penyedia tidak dapat memverifikasi dokumen.',
  },
  PARTIALLY_NOT_VERIFIED: {
    en: 'Part of the document could not be verified.',
    id: 'Sebagian dokumen tidak dapat diverifikasi.',
  },
  VENDOR_REVIEW_REQUIRED: {
    en: 'The provider asks for a manual review.',
    id: 'Penyedia meminta peninjauan manual.',
  },
  VENDOR_PROCESSING_FAILED: {
    en: 'Processing failed at the provider; it can be retried.',
    id: 'Pemrosesan di penyedia gagal; dapat dicoba lagi.',
  },
  VENDOR_ERROR: {
    en: 'The provider reported a technical error.',
    id: 'Penyedia melaporkan kesalahan teknis.',
  },
  CANCELLED_AT_PROVIDER: {
    en: 'The verification was cancelled at the provider.',
    id: 'Verifikasi dibatalkan di penyedia.',
  },
  GROUP_PARTIALLY_COMPLETED: {
    en: 'Part of the result group is still being processed.',
    id: 'Sebagian kelompok hasil masih diproses.',
  },
  GROUP_PARTIALLY_FAILED: {
    en: 'Part of the result group failed.',
    id: 'Sebagian kelompok hasil gagal.',
  },
  UNKNOWN_VENDOR_VALUE: {
    en: 'The provider returned a value CheckDesk does not know; a person must decide.',
    id: 'Penyedia mengirim nilai yang tidak dikenal CheckDesk; petugas harus memutuskan.',
  },
  UNREADABLE_PAYLOAD: {
    en: "The provider's answer could not be read.",
    id: 'Jawaban penyedia tidak dapat dibaca.',
  },
  NOT_FOUND: {
    en: 'The provider does not know this verification.',
    id: 'Verifikasi ini tidak dikenal oleh penyedia.',
  },
  NOT_AVAILABLE: { en: 'The result is not available yet.', id: 'Hasil belum tersedia.' },
  PROVIDER_UNAVAILABLE: {
    en: 'The provider is unavailable; it will be retried.',
    id: 'Penyedia sedang tidak tersedia; akan dicoba lagi.',
  },
  PROVIDER_IMAGE_DOWNLOAD_RETRYING: {
    en: 'The provider is still fetching the images.',
    id: 'Penyedia masih mengambil gambar.',
  },
  MAX_ATTEMPTS: {
    en: 'The maximum number of attempts was reached.',
    id: 'Batas jumlah percobaan tercapai.',
  },
  USER_TIMEOUT: {
    en: 'The applicant did not finish in time.',
    id: 'Pemohon tidak menyelesaikan tepat waktu.',
  },
  IN_DOUBT: {
    en: 'It is not known whether the provider received this; it is checked before anything is sent again.',
    id: 'Belum pasti apakah penyedia sudah menerimanya; akan dicek sebelum dikirim ulang.',
  },
  VENDOR_REJECTED: {
    en: 'The provider rejected the verification.',
    id: 'Penyedia menolak verifikasi.',
  },
  MANUAL_REVIEW_REQUIRED: {
    en: 'The provider flagged the verification for a double check.',
    id: 'Penyedia menandai verifikasi untuk diperiksa ulang.',
  },
  MANUAL_DECISION: {
    en: "A person decided in the provider's dashboard.",
    id: 'Keputusan diambil petugas melalui dasbor penyedia.',
  },
  CHECK_FAILED: {
    en: 'The provider declined this check.',
    id: 'Penyedia menyatakan pemeriksaan ini tidak lolos.',
  },
  CHECK_NEEDS_REVIEW: {
    en: 'The provider asks for a manual review of this check.',
    id: 'Penyedia meminta peninjauan manual atas pemeriksaan ini.',
  },
  CHECK_ERROR: {
    en: 'The provider could not complete this check.',
    id: 'Penyedia tidak dapat menyelesaikan pemeriksaan ini.',
  },
  PROVIDER_CHECK_ERROR: {
    en: "One of the provider's data sources reported an error.",
    id: 'Salah satu sumber data penyedia melaporkan kesalahan.',
  },
  NO_VENDOR_VERDICT: {
    en: 'The provider gave no verdict; a person must decide.',
    id: 'Penyedia tidak memberikan keputusan; petugas harus memutuskan.',
  },
  VENDOR_INCONSISTENT: {
    en: "The provider's verdict contradicts one of its own checks.",
    id: 'Keputusan penyedia bertentangan dengan salah satu pemeriksaannya sendiri.',
  },
  VENDOR_WARNING: { en: 'The provider gave a warning.', id: 'Penyedia memberikan peringatan.' },
  VENDOR_FAILURE: {
    en: 'The provider reported a problem with this check.',
    id: 'Penyedia melaporkan masalah pada pemeriksaan ini.',
  },
  VENDOR_NOTE: { en: 'A note from the provider.', id: 'Catatan dari penyedia.' },
  ON_HOLD: {
    en: 'The verification is on hold at the provider.',
    id: 'Verifikasi sedang ditahan di penyedia.',
  },
  CANCELLED: {
    en: 'The verification was cancelled at the provider.',
    id: 'Verifikasi dibatalkan di penyedia.',
  },
  EXPIRED: {
    en: 'The verification expired at the provider before it was completed.',
    id: 'Verifikasi kedaluwarsa di penyedia sebelum selesai.',
  },
  STATUS_MISSING: {
    en: "The provider's answer carries no status.",
    id: 'Jawaban penyedia tidak memuat status.',
  },
  RESULT_MISSING: {
    en: 'The provider reported the check as complete but sent no result.',
    id: 'Penyedia menyatakan pemeriksaan selesai, tetapi tidak mengirim hasilnya.',
  },
  RESULT_STALE: {
    en: 'This result is expired or out of date; it may need to be run again.',
    id: 'Hasil ini sudah kedaluwarsa atau usang; mungkin perlu dijalankan ulang.',
  },
  OVERRIDE_WITHOUT_STATUS: {
    en: 'The provider reports a manual override without saying what was decided.',
    id: 'Penyedia melaporkan keputusan manual tanpa menyebutkan hasilnya.',
  },
  WORKFLOW_NOT_FINISHED: {
    en: "The provider's workflow ended before it finished.",
    id: 'Alur kerja penyedia berakhir sebelum selesai.',
  },
  NOTIFICATION_RECEIVED: {
    en: 'The provider sent a notification; the result still has to be fetched.',
    id: 'Penyedia mengirim pemberitahuan; hasilnya masih perlu diambil.',
  },
  UNRECOGNIZED_PAYLOAD: {
    en: "The provider's answer has an unexpected form; a person must look at it.",
    id: 'Bentuk jawaban penyedia tidak dikenali; petugas harus memeriksanya.',
  },
  INVALID_REFERENCE: {
    en: 'The imported reference is not a valid id for this provider; check it in the imported sheet.',
    id: 'Referensi yang diimpor bukan ID yang valid untuk penyedia ini; periksa pada lembar yang diimpor.',
  },

  // The queue's own errors (shown with a verification's last error)
  PROVIDER_PROTOCOL: {
    en: "The provider's answer could not be understood; a person should check it at the provider.",
    id: 'Jawaban penyedia tidak dapat dipahami; petugas perlu memeriksanya langsung di penyedia.',
  },
  ACTION_RETRY: {
    en: 'The requested action could not be confirmed yet; CheckDesk checks again.',
    id: 'Tindakan yang diminta belum dapat dipastikan; CheckDesk akan memeriksanya lagi.',
  },
  ACTION_REFUSED: {
    en: 'The provider refused the requested action.',
    id: 'Penyedia menolak tindakan yang diminta.',
  },
  INTERNAL: {
    en: 'An unexpected error occurred in CheckDesk; it will be retried.',
    id: 'Terjadi kesalahan tak terduga di CheckDesk; akan dicoba lagi.',
  },

  // NIK (16-digit population number)
  NIK_FORMAT: {
    en: 'A NIK must have exactly 16 digits.',
    id: 'NIK harus terdiri atas tepat 16 digit.',
  },
  NIK_BAD_DAY: {
    en: 'The birth day in the NIK is not valid.',
    id: 'Tanggal lahir pada NIK tidak valid.',
  },
  NIK_BAD_MONTH: {
    en: 'The birth month in the NIK is not valid.',
    id: 'Bulan lahir pada NIK tidak valid.',
  },
  NIK_BAD_DATE: {
    en: 'The birth date in the NIK does not exist.',
    id: 'Tanggal lahir pada NIK tidak ada di kalender.',
  },
  NIK_BIRTH_IN_FUTURE: {
    en: 'The birth date in the NIK is in the future.',
    id: 'Tanggal lahir pada NIK berada di masa depan.',
  },
  NIK_AGE_OVER_100: {
    en: 'The NIK gives an age over 100; check the year digits.',
    id: 'NIK menunjukkan usia di atas 100 tahun; periksa digit tahunnya.',
  },
  NIK_UNDER_MIN_AGE: {
    en: 'The NIK gives an age below the minimum for a KTP.',
    id: 'NIK menunjukkan usia di bawah batas minimum pemilik KTP.',
  },
  NIK_BAD_SERIAL: {
    en: 'The serial number in the NIK is not valid.',
    id: 'Nomor urut pada NIK tidak valid.',
  },
  NIK_BAD_REGION: {
    en: 'The region code in the NIK is unknown.',
    id: 'Kode wilayah pada NIK tidak dikenal.',
  },
  NIK_BAD_PROVINCE: {
    en: 'The province code in the NIK (first two digits) does not exist.',
    id: 'Kode provinsi pada NIK (dua digit pertama) tidak ada.',
  },
  NIK_BAD_REGENCY: {
    en: 'The regency or city code in the NIK (digits 3–4) is not valid.',
    id: 'Kode kabupaten/kota pada NIK (digit ke-3 dan ke-4) tidak valid.',
  },
  NIK_REGENCY_UNKNOWN: {
    en: "The regency or city code in the NIK is not in CheckDesk's region table; it may be new or mistyped.",
    id: 'Kode kabupaten/kota pada NIK tidak ada dalam tabel wilayah CheckDesk; mungkin kode baru atau salah ketik.',
  },
  NIK_REGENCY_MOVED: {
    en: 'The region code in the NIK now belongs to another province; NIKs issued before the split keep the old code.',
    id: 'Kode wilayah pada NIK kini termasuk provinsi lain; NIK yang terbit sebelum pemekaran tetap memakai kode lama.',
  },
  NIK_BAD_DISTRICT: {
    en: 'The district (kecamatan) code in the NIK (digits 5–6) is not valid.',
    id: 'Kode kecamatan pada NIK (digit ke-5 dan ke-6) tidak valid.',
  },

  // NPWP (tax number)
  NPWP_FORMAT: { en: 'The NPWP does not have a valid format.', id: 'Format NPWP tidak valid.' },
  NPWP_CHECK_DIGIT: { en: 'The NPWP check digit is wrong.', id: 'Digit pemeriksa NPWP salah.' },
  NPWP_BAD_SERIAL: {
    en: 'The serial number in the NPWP is not valid.',
    id: 'Nomor urut pada NPWP tidak valid.',
  },
  NPWP_IS_NIK: {
    en: 'This NPWP is a NIK (16-digit NPWP).',
    id: 'NPWP ini berupa NIK (NPWP 16 digit).',
  },

  // KK (family card)
  KK_FORMAT: {
    en: 'A KK number must have 16 digits.',
    id: 'Nomor KK harus terdiri atas 16 digit.',
  },
  KK_BAD_DATE: {
    en: 'The issue date in the KK number is not valid.',
    id: 'Tanggal terbit pada nomor KK tidak valid.',
  },
  KK_BAD_SERIAL: {
    en: 'The serial number in the KK is not valid.',
    id: 'Nomor urut pada KK tidak valid.',
  },
  KK_BAD_PROVINCE: {
    en: 'The province code in the KK number (first two digits) does not exist.',
    id: 'Kode provinsi pada nomor KK (dua digit pertama) tidak ada.',
  },
  KK_BAD_REGENCY: {
    en: 'The regency or city code in the KK number (digits 3–4) is not valid.',
    id: 'Kode kabupaten/kota pada nomor KK (digit ke-3 dan ke-4) tidak valid.',
  },
  KK_REGENCY_UNKNOWN: {
    en: "The regency or city code in the KK number is not in CheckDesk's region table; it may be new or mistyped.",
    id: 'Kode kabupaten/kota pada nomor KK tidak ada dalam tabel wilayah CheckDesk; mungkin kode baru atau salah ketik.',
  },
  KK_REGENCY_MOVED: {
    en: 'The region code in the KK number now belongs to another province; numbers issued before the split keep the old code.',
    id: 'Kode wilayah pada nomor KK kini termasuk provinsi lain; nomor yang terbit sebelum pemekaran tetap memakai kode lama.',
  },
  KK_BAD_DISTRICT: {
    en: 'The district (kecamatan) code in the KK number (digits 5–6) is not valid.',
    id: 'Kode kecamatan pada nomor KK (digit ke-5 dan ke-6) tidak valid.',
  },

  // Passport MRZ
  MRZ_FORMAT: {
    en: 'The passport MRZ does not have a valid format.',
    id: 'Format MRZ paspor tidak valid.',
  },
  MRZ_BAD_CHARACTER: {
    en: 'The MRZ contains characters that are not allowed.',
    id: 'MRZ berisi karakter yang tidak diizinkan.',
  },
  MRZ_CHECK_DIGIT: {
    en: 'An MRZ check digit is wrong.',
    id: 'Salah satu digit pemeriksa MRZ salah.',
  },
  MRZ_BAD_DATE: {
    en: 'A date in the MRZ is not valid.',
    id: 'Salah satu tanggal pada MRZ tidak valid.',
  },
  MRZ_BIRTH_DATE_PARTIAL: {
    en: 'Part of the birth date in the MRZ is unknown.',
    id: 'Sebagian tanggal lahir pada MRZ tidak diketahui.',
  },
  MRZ_BIRTH_IN_FUTURE: {
    en: 'The birth date in the MRZ is in the future.',
    id: 'Tanggal lahir pada MRZ berada di masa depan.',
  },
  MRZ_EXPIRED: { en: 'The passport has expired.', id: 'Masa berlaku paspor sudah habis.' },
  MRZ_SPECIMEN: {
    en: 'The MRZ belongs to a specimen document.',
    id: 'MRZ berasal dari dokumen contoh (spesimen).',
  },
  MRZ_UNKNOWN_STATE: {
    en: 'The issuing state code in the MRZ is unknown.',
    id: 'Kode negara penerbit pada MRZ tidak dikenal.',
  },
  MRZ_SEX_X: {
    en: 'Sex is given as unspecified (X).',
    id: 'Jenis kelamin tercantum tidak ditentukan (X).',
  },
  MRZ_BAD_SEX: {
    en: 'The sex field in the MRZ is not valid.',
    id: 'Kolom jenis kelamin pada MRZ tidak valid.',
  },
  MRZ_NAME_DIGITS: {
    en: 'The name in the MRZ contains digits.',
    id: 'Nama pada MRZ berisi angka.',
  },

  // Vehicle (BPKB / STNK)
  VIN_FORMAT: {
    en: 'The chassis number (VIN) does not have a valid format.',
    id: 'Format nomor rangka (VIN) tidak valid.',
  },
  VIN_CHECK_DIGIT: {
    en: 'The chassis number (VIN) check digit does not match.',
    id: 'Digit pemeriksa nomor rangka (VIN) tidak cocok.',
  },
  VIN_LETTERS_REPAIRED: {
    en: 'Letters misread in the chassis number were corrected.',
    id: 'Huruf yang salah baca pada nomor rangka telah diperbaiki.',
  },

  // Land certificate
  LAND_CERT_FORMAT: {
    en: 'The land certificate number does not have a valid format.',
    id: 'Format nomor sertifikat tanah tidak valid.',
  },
  LAND_CERT_RIGHT_TYPE: {
    en: 'The type of land right was read from the certificate number.',
    id: 'Jenis hak atas tanah dibaca dari nomor sertifikat.',
  },
  LAND_CERT_BAD_RIGHT_NUMBER: {
    en: 'The land right number is not valid.',
    id: 'Nomor hak atas tanah tidak valid.',
  },

  // Files at intake
  FILE_EMPTY: { en: 'The file is empty.', id: 'Berkas kosong.' },
  FILE_TRUNCATED: {
    en: 'The file is incomplete (truncated).',
    id: 'Berkas tidak lengkap (terpotong).',
  },
  FILE_ENCRYPTED: { en: 'The file is password-protected.', id: 'Berkas dilindungi kata sandi.' },
  FILE_WRONG_EXTENSION: {
    en: 'The file name extension does not match its content.',
    id: 'Ekstensi nama berkas tidak sesuai dengan isinya.',
  },

  // Pre-flight: the stored file (FILE_INTEGRITY)
  EMPTY_FILE: {
    en: 'The file is empty; get the file again.',
    id: 'Berkas kosong; ambil atau unduh ulang berkasnya.',
  },
  FILE_MISSING: {
    en: 'The stored copy of this file is missing; add the file to the inbox again.',
    id: 'Salinan berkas yang tersimpan tidak ditemukan; tambahkan berkas ke kotak masuk lagi.',
  },
  SIZE_CHANGED: {
    en: 'The stored copy differs in size from the file received and may be damaged; add the file again.',
    id: 'Ukuran salinan tersimpan berbeda dari berkas yang diterima sehingga mungkin rusak; tambahkan berkas lagi.',
  },
  UNREADABLE_FILE: {
    en: 'The file cannot be read; check that it is not locked or damaged.',
    id: 'Berkas tidak dapat dibaca; pastikan berkas tidak terkunci atau rusak.',
  },
  WRONG_EXTENSION: {
    en: 'The file name extension does not match its content; it was checked by its content.',
    id: 'Ekstensi nama berkas tidak sesuai dengan isinya; berkas diperiksa berdasarkan isinya.',
  },
  UNSUPPORTED_FORMAT: {
    en: 'This file type cannot be checked or sent; provide a JPEG, PNG or PDF.',
    id: 'Jenis berkas ini tidak dapat diperiksa atau dikirim; sediakan berkas JPEG, PNG, atau PDF.',
  },
  CORRUPT_IMAGE: {
    en: 'The image file is damaged and cannot be opened; get the original file again.',
    id: 'Berkas gambar rusak dan tidak dapat dibuka; minta berkas aslinya lagi.',
  },
  TRUNCATED_IMAGE: {
    en: 'The image file is cut off; copy or scan it again.',
    id: 'Berkas gambar terpotong; salin atau pindai ulang.',
  },
  DECOMPRESSION_BOMB: {
    en: 'The image is far too large to open safely, so it was not opened; ask for a normal photo or scan.',
    id: 'Gambar terlalu besar untuk dibuka dengan aman sehingga tidak dibuka; minta foto atau hasil pindaian biasa.',
  },
  MULTI_PAGE_IMAGE: {
    en: 'The image file has several pages; only the first was checked.',
    id: 'Berkas gambar memiliki beberapa halaman; hanya halaman pertama yang diperiksa.',
  },
  NOT_A_PDF: {
    en: 'The file is labelled as a PDF but is not a valid PDF; get the original file again.',
    id: 'Berkas ditandai sebagai PDF tetapi bukan PDF yang valid; minta berkas aslinya lagi.',
  },
  PDF_TRUNCATED: {
    en: 'The PDF is cut off and pages may be missing; copy or download it again.',
    id: 'Berkas PDF terpotong sehingga mungkin ada halaman yang hilang; salin atau unduh ulang.',
  },
  CORRUPT_PDF: {
    en: 'The PDF is damaged and cannot be opened; get the original file again.',
    id: 'Berkas PDF rusak dan tidak dapat dibuka; minta berkas aslinya lagi.',
  },
  PDF_TOO_SLOW: {
    en: 'The PDF could not be read in time; a person should open it.',
    id: 'PDF tidak dapat dibaca dalam batas waktu; petugas perlu membukanya sendiri.',
  },
  PASSWORD_NEEDED: {
    en: 'The PDF is password-protected; enter the password or get an unprotected copy.',
    id: 'PDF dilindungi kata sandi; masukkan kata sandinya atau minta salinan tanpa kata sandi.',
  },
  PASSWORD_WRONG: {
    en: 'The password entered for this PDF is wrong; ask the applicant for the correct one.',
    id: 'Kata sandi PDF yang dimasukkan salah; minta kata sandi yang benar kepada pemohon.',
  },
  PASSWORD_PROTECTED: {
    en: 'The PDF is protected but could be opened and checked.',
    id: 'PDF ini dilindungi, tetapi dapat dibuka dan diperiksa.',
  },

  // Pre-flight: image quality (DOC_QUALITY)
  TOO_DARK: {
    en: 'The image is too dark to read; retake or rescan it in better light.',
    id: 'Gambar terlalu gelap untuk dibaca; foto atau pindai ulang dengan pencahayaan yang lebih baik.',
  },
  OVEREXPOSED: {
    en: 'The image is washed out (too bright); rescan it with less light.',
    id: 'Gambar terlalu terang sehingga tulisannya pudar; pindai ulang dengan kecerahan lebih rendah.',
  },
  BLURRY: {
    en: 'The image is too blurry to read; rescan it or retake the photo in focus.',
    id: 'Gambar terlalu buram untuk dibaca; pindai ulang atau ambil foto ulang dengan fokus yang tepat.',
  },
  GLARE: {
    en: 'A glare spot may hide text; retake the photo without flash or direct light.',
    id: 'Ada pantulan cahaya yang dapat menutupi tulisan; ambil foto ulang tanpa lampu kilat atau cahaya langsung.',
  },
  GLARE_NOT_JUDGED: {
    en: 'Glare was not checked because the photo is overexposed.',
    id: 'Pantulan cahaya tidak diperiksa karena foto terlalu terang.',
  },
  LOW_CONTRAST: {
    en: 'The scan has too little contrast to read reliably; rescan it.',
    id: 'Kontras hasil pindaian terlalu rendah untuk dibaca dengan andal; pindai ulang.',
  },
  CONTRAST_NOT_JUDGED: {
    en: 'Contrast was not checked because the exposure is already wrong.',
    id: 'Kontras tidak diperiksa karena pencahayaan gambar sudah tidak sesuai.',
  },
  UPSCALED: {
    en: 'The image seems enlarged from a much smaller picture; ask for the original photo or scan.',
    id: 'Gambar tampaknya diperbesar dari gambar yang jauh lebih kecil; minta foto atau hasil pindaian aslinya.',
  },
  UPSCALE_NOT_JUDGED: {
    en: 'Enlargement was not checked because the photo is already too blurry.',
    id: 'Pembesaran gambar tidak diperiksa karena foto sudah terlalu buram.',
  },
  HEAVY_COMPRESSION: {
    en: 'The JPEG is heavily compressed and small print may be smeared; ask for the original photo.',
    id: 'Berkas JPEG sangat terkompresi sehingga tulisan kecil bisa kabur; minta foto aslinya.',
  },
  LOW_RESOLUTION: {
    en: 'The image resolution is too low for reliable reading; rescan it at a higher resolution.',
    id: 'Resolusi gambar terlalu rendah untuk dibaca dengan andal; pindai ulang dengan resolusi lebih tinggi.',
  },
  LOW_DPI: {
    en: 'The scan resolution (DPI) is too low to read small print; rescan it at a higher resolution.',
    id: 'Resolusi pindaian (DPI) terlalu rendah untuk membaca tulisan kecil; pindai ulang dengan resolusi lebih tinggi.',
  },
  TOO_SMALL: {
    en: 'The image is too small to be read; rescan it at a higher resolution.',
    id: 'Ukuran gambar terlalu kecil untuk dibaca; pindai ulang dengan resolusi lebih tinggi.',
  },

  // Pre-flight: PDF authenticity (DOC_AUTHENTICITY)
  EDITOR_SOFTWARE: {
    en: 'The PDF was saved with editing software; ask for the original download.',
    id: 'PDF disimpan dengan perangkat lunak penyunting; minta unduhan aslinya.',
  },
  AUTHORING_SOFTWARE: {
    en: 'The PDF was made with general-purpose software, not by a bank or utility system.',
    id: 'PDF dibuat dengan perangkat lunak umum, bukan oleh sistem bank atau perusahaan utilitas.',
  },
  BANK_SYSTEM: {
    en: 'The PDF was produced by a bank system.',
    id: 'PDF dihasilkan oleh sistem bank.',
  },
  PRODUCER: {
    en: 'The software that produced the PDF is recorded.',
    id: 'Perangkat lunak yang menghasilkan PDF ini tercatat.',
  },
  METADATA_MISMATCH: {
    en: "The PDF's metadata contradicts itself, as happens when a file is edited.",
    id: 'Metadata PDF saling bertentangan, seperti yang terjadi jika berkas disunting.',
  },
  NO_DATES: {
    en: 'The PDF records no creation or modification date.',
    id: 'PDF tidak mencatat tanggal pembuatan maupun tanggal perubahan.',
  },
  DATE_IN_FUTURE: {
    en: 'A date in the PDF lies in the future, which a genuine document cannot have.',
    id: 'Salah satu tanggal pada PDF berada di masa depan, yang tidak mungkin ada pada dokumen asli.',
  },
  MODIFIED_AFTER_CREATION: {
    en: 'The PDF was changed after it was created; ask for the original.',
    id: 'PDF diubah setelah dibuat; minta dokumen aslinya.',
  },
  INCREMENTAL_UPDATES: {
    en: 'The PDF was saved again after it was first written; ask for the original download.',
    id: 'PDF disimpan ulang setelah pertama kali dibuat; minta unduhan aslinya.',
  },
  SIGNED_REVISIONS: {
    en: 'Later revisions of the PDF are explained by digital signatures.',
    id: 'Revisi lanjutan pada PDF berasal dari tanda tangan digital.',
  },
  MODIFIED_AFTER_SIGNING: {
    en: 'The PDF was changed after it was digitally signed.',
    id: 'PDF diubah setelah ditandatangani secara digital.',
  },
  LINEARIZED: {
    en: 'The PDF is optimised for web viewing; this is not a revision.',
    id: 'PDF dioptimalkan untuk tampilan web; ini bukan revisi.',
  },
  ACROBAT_TEXT_EDIT: {
    en: "Acrobat's text-editing tool was used: text was changed after the document was made.",
    id: 'Alat penyunting teks Acrobat telah digunakan: teks diubah setelah dokumen dibuat.',
  },
  ENCRYPTED_CONTENT: {
    en: 'Edit marks could not be searched because the PDF is password-protected.',
    id: 'Jejak penyuntingan tidak dapat dicari karena PDF dilindungi kata sandi.',
  },
  SCAN_PARTIAL: {
    en: 'Only part of the PDF content was searched for edit marks.',
    id: 'Hanya sebagian isi PDF yang diperiksa untuk mencari jejak penyuntingan.',
  },
  STREAMS_UNREADABLE: {
    en: 'The PDF content could not be decoded to search for edit marks.',
    id: 'Isi PDF tidak dapat diurai untuk mencari jejak penyuntingan.',
  },
  MANY_SUBSET_FONTS: {
    en: 'The PDF embeds more font subsets than a system-generated document usually needs.',
    id: 'PDF memuat lebih banyak subset font daripada yang biasanya dibutuhkan dokumen buatan sistem.',
  },
  FONT_SUBSET_MIXED: {
    en: 'The same font is embedded several times, as happens when text is added later by another tool.',
    id: 'Font yang sama tertanam beberapa kali, seperti yang terjadi jika teks ditambahkan belakangan dengan alat lain.',
  },
  FONT_STANDARD_MIXED: {
    en: "Generic fonts appear next to the document's own fonts, as happens when text is added with an editor.",
    id: 'Font umum muncul berdampingan dengan font bawaan dokumen, seperti yang terjadi jika teks ditambahkan dengan penyunting.',
  },
  FONT_SINGLE_USE: {
    en: 'A font is used for only a few pieces of text on a page; an edited figure often looks like this.',
    id: 'Sebuah font hanya dipakai untuk sedikit teks pada satu halaman; angka yang disunting sering terlihat seperti ini.',
  },
  FONTS_PARTIAL: {
    en: 'Fonts were inspected on the first pages only.',
    id: 'Font hanya diperiksa pada halaman-halaman awal.',
  },

  // Pre-flight: local text reading (DOC_OCR, ID_NUMBER) and the checks themselves
  OCR_NIK_NOT_FOUND: {
    en: "Local text reading found no NIK; the provider's reading will decide.",
    id: 'Pembacaan teks lokal tidak menemukan NIK; hasil pembacaan penyedia yang akan menentukan.',
  },
  OCR_MRZ_NOT_FOUND: {
    en: "Local text reading found no passport MRZ lines; the provider's reading will decide.",
    id: 'Pembacaan teks lokal tidak menemukan baris MRZ paspor; hasil pembacaan penyedia yang akan menentukan.',
  },
  OCR_UNAVAILABLE: { en: 'The text was not read locally.', id: 'Teks tidak dibaca secara lokal.' },
  OCR_REPAIRED: {
    en: 'Characters misread by OCR were corrected where the format allows only one reading.',
    id: 'Karakter yang salah terbaca oleh OCR telah diperbaiki sesuai format yang berlaku.',
  },
  CHECK_CRASHED: {
    en: 'CheckDesk could not finish checking this file; a person should look at it.',
    id: 'CheckDesk tidak dapat menyelesaikan pemeriksaan berkas ini; petugas perlu memeriksanya.',
  },
  PREFLIGHT_ERROR: {
    en: 'The local checks could not run on this file; a person should look at it.',
    id: 'Pemeriksaan lokal tidak dapat dijalankan pada berkas ini; petugas perlu memeriksanya.',
  },
};

/**
 * Codes whose message is the provider's own words (warnings, notes, a data source's error). In
 * Indonesian the translated text is followed by those words, so nothing the provider said is lost.
 */
export const PROVIDER_WORDS_CODES: ReadonlySet<string> = new Set([
  'VENDOR_WARNING',
  'VENDOR_FAILURE',
  'VENDOR_NOTE',
  'DOC_RISK_INDICATOR',
  'PROVIDER_CHECK_ERROR',
]);
