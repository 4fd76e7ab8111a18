/**
 * Plain-language texts for common canonical reason codes (providers' mapped codes and the local
 * ID-number and pre-flight rules). The code stays the key everywhere; these texts are what a clerk
 * or a credit committee reads. A code missing here is shown with the message that came with it.
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
  OCR_FAILED: {
    en: 'The text on the document could not be read.',
    id: 'Teks pada dokumen tidak dapat dibaca.',
  },
  FILE_TOO_LARGE: {
    en: 'The file is too large for the service.',
    id: 'Berkas terlalu besar untuk layanan.',
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
  DUPLICATE_DOCUMENT: {
    en: 'The same document was already received.',
    id: 'Dokumen yang sama sudah pernah diterima.',
  },
  NEAR_DUPLICATE: {
    en: 'A very similar document was already received.',
    id: 'Dokumen yang sangat mirip sudah pernah diterima.',
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
};
