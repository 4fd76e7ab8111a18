/**
 * Producer/Creator fingerprints (R-PDF-1). A global blocklist can never prove forgery — banks use
 * several channels and change formats — so a match only asks a person to look, and office suites
 * are normal for company financial statements. Per-issuer fingerprints would be the real rule;
 * CheckDesk does not have a registry of known-good issuer fingerprints yet.
 */
import type { DocumentKind } from '../../../../shared/model.ts';

export type ProducerClass = 'editor' | 'authoring' | 'bank_system' | 'generator' | 'unknown';

interface Fingerprint {
  pattern: RegExp;
  label: string;
  cls: ProducerClass;
}

const FINGERPRINTS: readonly Fingerprint[] = [
  // Tools whose purpose is changing existing PDFs or images.
  { pattern: /ilovepdf/i, label: 'iLovePDF (an online PDF editor)', cls: 'editor' },
  { pattern: /smallpdf/i, label: 'Smallpdf (an online PDF editor)', cls: 'editor' },
  { pattern: /sejda/i, label: 'Sejda (an online PDF editor)', cls: 'editor' },
  { pattern: /pdf24/i, label: 'PDF24 (a PDF editor)', cls: 'editor' },
  { pattern: /pdfescape/i, label: 'PDFescape (an online PDF editor)', cls: 'editor' },
  { pattern: /pdffiller/i, label: 'pdfFiller (an online PDF editor)', cls: 'editor' },
  { pattern: /foxit.*(editor|phantom)/i, label: 'Foxit PDF Editor', cls: 'editor' },
  { pattern: /nitro/i, label: 'Nitro PDF (a PDF editor)', cls: 'editor' },
  {
    pattern: /pdfelement|wondershare/i,
    label: 'Wondershare PDFelement (a PDF editor)',
    cls: 'editor',
  },
  { pattern: /photoshop/i, label: 'Adobe Photoshop (an image editor)', cls: 'editor' },
  { pattern: /illustrator/i, label: 'Adobe Illustrator (a graphics editor)', cls: 'editor' },
  { pattern: /canva/i, label: 'Canva (a design tool)', cls: 'editor' },
  {
    pattern: /acrobat\s*(pro|standard)/i,
    label: 'Adobe Acrobat Pro/Standard (a PDF editor)',
    cls: 'editor',
  },
  {
    pattern: /pdf-lib/i,
    label: 'pdf-lib (a programming library that rewrites PDFs)',
    cls: 'editor',
  },
  // Tools that author documents from scratch: normal for some kinds, odd for a bank statement.
  {
    pattern: /microsoft.*word|word for (microsoft|office)/i,
    label: 'Microsoft Word',
    cls: 'authoring',
  },
  { pattern: /microsoft.*excel/i, label: 'Microsoft Excel', cls: 'authoring' },
  { pattern: /libreoffice/i, label: 'LibreOffice', cls: 'authoring' },
  { pattern: /openoffice/i, label: 'OpenOffice', cls: 'authoring' },
  { pattern: /google docs/i, label: 'Google Docs', cls: 'authoring' },
  { pattern: /wps (office|writer)/i, label: 'WPS Office', cls: 'authoring' },
  { pattern: /ghostscript/i, label: 'Ghostscript', cls: 'authoring' },
  { pattern: /quartz pdfcontext/i, label: 'macOS Quartz (Print to PDF)', cls: 'authoring' },
  { pattern: /skia\/pdf|chrom(e|ium)/i, label: 'a web browser’s Print to PDF', cls: 'authoring' },
  { pattern: /microsoft: print to pdf/i, label: 'Windows Print to PDF', cls: 'authoring' },
  // Bank core and report systems (terra-insight examples).
  { pattern: /finacle/i, label: 'Finacle (bank core system)', cls: 'bank_system' },
  { pattern: /flexcube/i, label: 'Oracle Flexcube (bank core system)', cls: 'bank_system' },
  { pattern: /temenos|\bt24\b/i, label: 'Temenos T24 (bank core system)', cls: 'bank_system' },
  { pattern: /crystal reports/i, label: 'Crystal Reports (report server)', cls: 'bank_system' },
  { pattern: /jasperreports/i, label: 'JasperReports (report server)', cls: 'bank_system' },
  { pattern: /bi publisher/i, label: 'Oracle BI Publisher (report server)', cls: 'bank_system' },
  // Libraries used by banks and forgers alike: recorded, never flagged.
  {
    pattern: /itext|fpdf|tcpdf|reportlab|dompdf|wkhtmltopdf/i,
    label: 'a PDF programming library',
    cls: 'generator',
  },
];

export function classifyProducer(
  value: string | null | undefined,
): { cls: ProducerClass; label: string } | null {
  if (!value) return null;
  const hit = FINGERPRINTS.find((f) => f.pattern.test(value));
  return hit ? { cls: hit.cls, label: hit.label } : { cls: 'unknown', label: value };
}

/**
 * Documents an institution issues as PDF files (statements, bills, audited accounts). Editing signs
 * only mean something on these: a KTP or land certificate scanned and merged into a PDF with an
 * online tool, or saved twice, is normal.
 */
export function isIssuedAsPdf(kind: DocumentKind): boolean {
  return kind === 'BANK_STATEMENT' || kind === 'FINANCIAL_STATEMENT' || kind === 'PROOF_OF_ADDRESS';
}

/** Kinds that only ever come out of an institution's system, where authoring tools are odd too. */
export function authoringIsSuspicious(kind: DocumentKind): boolean {
  return kind === 'BANK_STATEMENT' || kind === 'PROOF_OF_ADDRESS';
}
