/**
 * FILE_INTEGRITY and DOC_AUTHENTICITY checks for PDFs (domain-checks.md §6). The authenticity
 * signs (editor software, later modification, in-place edits, text-edit marks, odd fonts) never
 * prove forgery on their own; they send the document to a person with the reason spelled out.
 */
import type { DocumentKind, Reason, Severity } from '../../../../shared/model.ts';
import { makeCheck, notRun, outcomeFromReasons, reason } from '../check-builder.ts';
import type { PreflightCheck } from '../types.ts';
import { parsePdfDate } from './pdf-date.ts';
import { authoringIsSuspicious, classifyProducer, isIssuedAsPdf } from './producers.ts';
import { readPdf, type PdfReadResult } from './reader.ts';
import { scanPdfStructure, type PdfStructure } from './structure.ts';
import { scanTouchUp } from './touchup.ts';

/** R-PDF-2: a generator writes both dates within seconds; more than this means a later save. */
const MAX_CREATE_MODIFY_GAP_MS = 60_000;
/** Dates "in the future" are judged with a day of slack for time zones and skewed clocks. */
const FUTURE_SLACK_MS = 24 * 3600_000;

export interface PdfCheckResult {
  checks: PreflightCheck[];
  pages: number | null;
  /** The PDF opens only with a user password: whoever sends it must send the password too. */
  needsPassword?: boolean;
}

export async function pdfChecks(
  bytes: Buffer,
  kind: DocumentKind,
  password: string | null,
  now: Date,
): Promise<PdfCheckResult> {
  const structure = scanPdfStructure(bytes);
  if (!structure.isPdf) {
    return {
      pages: null,
      checks: [
        makeCheck('FILE_INTEGRITY', 'pdf_structure', 'FAIL', {
          reasons: [
            reason(
              'NOT_A_PDF',
              'ERROR',
              'The file is treated as a PDF but does not start like one; it is damaged or mislabelled. Get the original file again.',
            ),
          ],
        }),
      ],
    };
  }
  if (!structure.endsProperly) {
    return {
      pages: null,
      checks: [
        makeCheck('FILE_INTEGRITY', 'pdf_structure', 'FAIL', {
          reasons: [
            reason(
              'PDF_TRUNCATED',
              'ERROR',
              'The PDF is cut off: its end is missing, so pages may be lost. Copy or download the file again.',
            ),
          ],
          details: { size: bytes.length },
        }),
      ],
    };
  }

  const opened = await readPdf(bytes, password);
  if (opened.status === 'password_needed' || opened.status === 'password_wrong') {
    const wrong = opened.status === 'password_wrong';
    // FAIL, so the default policy blocks it: no provider can read it without the password, and
    // sending it anyway would spend a credit on a certain failure.
    return {
      pages: null,
      needsPassword: true,
      checks: [
        makeCheck('FILE_INTEGRITY', 'pdf_encryption', 'FAIL', {
          reasons: [
            reason(
              wrong ? 'PASSWORD_WRONG' : 'PASSWORD_NEEDED',
              'ERROR',
              wrong
                ? 'The password entered for this PDF is wrong. Ask the applicant for the correct password and enter it again.'
                : 'This PDF is password-protected and cannot be checked or sent. Ask the applicant for the password (bank statements often use the date of birth) and enter it, or get an unprotected copy.',
            ),
          ],
          details: { encrypted: true },
        }),
      ],
    };
  }
  if (opened.status === 'timeout') {
    return {
      pages: null,
      checks: [
        makeCheck('FILE_INTEGRITY', 'pdf_structure', 'REVIEW', {
          reasons: [
            reason(
              'PDF_TOO_SLOW',
              'WARNING',
              'The PDF could not be read within a minute (it may be very large or unusually built); a person should open it.',
            ),
          ],
        }),
      ],
    };
  }
  if (opened.status === 'unreadable') {
    return {
      pages: null,
      checks: [
        makeCheck('FILE_INTEGRITY', 'pdf_structure', 'FAIL', {
          reasons: [
            reason(
              'CORRUPT_PDF',
              'ERROR',
              `The PDF is damaged and cannot be opened (${shorten(opened.message)}). Get the original file again.`,
            ),
          ],
        }),
      ],
    };
  }

  const read = opened.result;
  const checks: PreflightCheck[] = [];
  const integrityReasons: Reason[] = [];
  if (structure.encrypted) {
    integrityReasons.push(
      reason(
        'PASSWORD_PROTECTED',
        'INFO',
        password
          ? 'The PDF is password-protected; it was opened with the password provided.'
          : 'The PDF carries usage restrictions but opens without a password.',
      ),
    );
  }
  checks.push(
    makeCheck('FILE_INTEGRITY', 'pdf_structure', 'PASS', {
      reasons: integrityReasons,
      details: {
        pages: read.pages,
        pdfVersion: structure.version,
        encrypted: structure.encrypted,
        linearized: structure.linearized,
      },
    }),
  );
  // On scans merely wrapped in a PDF, editing signs are recorded (INFO) but do not flag.
  const flag: Severity = isIssuedAsPdf(kind) ? 'WARNING' : 'INFO';
  checks.push(producerCheck(read, kind, flag));
  checks.push(datesCheck(read, now, flag));
  checks.push(revisionsCheck(structure, flag));
  checks.push(await textEditCheck(bytes, structure));
  checks.push(fontsCheck(read, flag));
  return { checks, pages: read.pages, needsPassword: structure.encrypted && password !== null };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function producerCheck(read: PdfReadResult, kind: DocumentKind, flag: Severity): PreflightCheck {
  const values = {
    producer: str(read.info.Producer),
    creator: str(read.info.Creator),
    xmpProducer: str(read.xmp?.['pdf:producer']),
    creatorTool: str(read.xmp?.['xmp:creatortool']),
  };
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  for (const value of Object.values(values)) {
    const c = classifyProducer(value);
    if (!c || seen.has(c.label)) continue;
    seen.add(c.label);
    if (c.cls === 'editor') {
      reasons.push(
        reason(
          'EDITOR_SOFTWARE',
          flag,
          `The PDF was saved with ${c.label}. Documents issued by a bank or office do not pass through editing tools; ask for the original download.`,
        ),
      );
    } else if (c.cls === 'authoring') {
      reasons.push(
        authoringIsSuspicious(kind)
          ? reason(
              'AUTHORING_SOFTWARE',
              'WARNING',
              `The PDF was made with ${c.label}, not by a bank or utility system; ask for the original download.`,
            )
          : reason('AUTHORING_SOFTWARE', 'INFO', `The PDF was made with ${c.label}.`),
      );
    } else if (c.cls === 'bank_system') {
      reasons.push(reason('BANK_SYSTEM', 'INFO', `The PDF was produced by ${c.label}.`));
    } else {
      reasons.push(reason('PRODUCER', 'INFO', `The PDF was produced by ${c.label}.`));
    }
  }
  if (values.producer && values.xmpProducer && norm(values.producer) !== norm(values.xmpProducer)) {
    reasons.push(
      reason(
        'METADATA_MISMATCH',
        flag,
        `The PDF names two different producers ("${values.producer}" and "${values.xmpProducer}"): a tool updated only part of its metadata, which happens when a file is edited.`,
      ),
    );
  }
  return makeCheck('DOC_AUTHENTICITY', 'pdf_producer', outcomeFromReasons(reasons), {
    reasons,
    details: values,
  });
}

function datesCheck(read: PdfReadResult, now: Date, flag: Severity): PreflightCheck {
  const created =
    parsePdfDate(read.info.CreationDate) ?? parsePdfDate(read.xmp?.['xmp:createdate']);
  const modified = parsePdfDate(read.info.ModDate) ?? parsePdfDate(read.xmp?.['xmp:modifydate']);
  const reasons: Reason[] = [];
  if (created === null && modified === null) {
    reasons.push(reason('NO_DATES', 'INFO', 'The PDF records no creation or modification date.'));
  }
  const limit = now.getTime() + FUTURE_SLACK_MS;
  for (const [label, t] of [
    ['creation', created],
    ['modification', modified],
  ] as const) {
    if (t !== null && t > limit) {
      // A scanner with a wrong clock can do this to a scan; an issuing system cannot.
      reasons.push(
        reason(
          'DATE_IN_FUTURE',
          flag === 'WARNING' ? 'ERROR' : 'WARNING',
          `The PDF's ${label} date (${day(t)}) is in the future, which a genuine document cannot have.`,
        ),
      );
    }
  }
  if (created !== null && modified !== null && modified - created > MAX_CREATE_MODIFY_GAP_MS) {
    reasons.push(
      reason(
        'MODIFIED_AFTER_CREATION',
        flag,
        `The PDF was changed ${span(modified - created)} after it was created (created ${day(created)}, modified ${day(modified)}). Issued statements are not changed afterwards; ask for the original.`,
      ),
    );
  }
  const xmpCreated = parsePdfDate(read.xmp?.['xmp:createdate']);
  const xmpModified = parsePdfDate(read.xmp?.['xmp:modifydate']);
  const infoModified = parsePdfDate(read.info.ModDate);
  if (
    xmpModified !== null &&
    infoModified !== null &&
    Math.abs(xmpModified - infoModified) > MAX_CREATE_MODIFY_GAP_MS
  ) {
    reasons.push(
      reason(
        'METADATA_MISMATCH',
        flag,
        `The PDF's two modification dates disagree (${day(infoModified)} and ${day(xmpModified)}): one was updated by a tool and the other not.`,
      ),
    );
  }
  return makeCheck('DOC_AUTHENTICITY', 'pdf_dates', outcomeFromReasons(reasons), {
    reasons,
    details: {
      created: created === null ? null : new Date(created).toISOString(),
      modified: modified === null ? null : new Date(modified).toISOString(),
      xmpCreated: xmpCreated === null ? null : new Date(xmpCreated).toISOString(),
    },
  });
}

function revisionsCheck(structure: PdfStructure, flag: Severity): PreflightCheck {
  const revisions = Math.max(0, structure.xrefSections - 1);
  const signed = structure.signatures.length;
  const unexplained = revisions - signed;
  const reasons: Reason[] = [];
  if (unexplained > 0) {
    reasons.push(
      reason(
        'INCREMENTAL_UPDATES',
        flag,
        `The PDF was saved again ${unexplained === 1 ? 'once' : `${unexplained} times`} after it was first written (an in-place edit keeps the old version inside the file). Ask for the original download.`,
      ),
    );
  } else if (revisions > 0) {
    reasons.push(
      reason(
        'SIGNED_REVISIONS',
        'INFO',
        `The PDF has ${revisions} later revision${revisions > 1 ? 's' : ''}, each explained by a digital signature.`,
      ),
    );
  }
  if (signed > 0 && structure.bytesAfterLastSignature > 0) {
    reasons.push(
      reason(
        'MODIFIED_AFTER_SIGNING',
        'WARNING',
        `The PDF was changed after it was digitally signed (${structure.bytesAfterLastSignature} bytes added after the signed part).`,
      ),
    );
  }
  if (structure.linearized)
    reasons.push(
      reason(
        'LINEARIZED',
        'INFO',
        'The PDF is optimised for web viewing; its extra first-page section is not a revision.',
      ),
    );
  return makeCheck('DOC_AUTHENTICITY', 'pdf_revisions', outcomeFromReasons(reasons), {
    reasons,
    details: { revisions, signatures: signed, linearized: structure.linearized },
  });
}

async function textEditCheck(bytes: Buffer, structure: PdfStructure): Promise<PreflightCheck> {
  if (structure.encrypted) {
    return notRun(
      'DOC_AUTHENTICITY',
      'pdf_text_edit',
      'ENCRYPTED_CONTENT',
      'Text-edit marks cannot be searched in a password-protected PDF.',
    );
  }
  try {
    const scan = await scanTouchUp(bytes);
    const reasons: Reason[] = [];
    if (scan.found > 0) {
      reasons.push(
        reason(
          'ACROBAT_TEXT_EDIT',
          'WARNING',
          `Acrobat's text-editing tool was used on this PDF (${scan.found} edit mark${scan.found > 1 ? 's' : ''} found): text was changed after the document was made.`,
        ),
      );
    }
    if (scan.truncated)
      reasons.push(
        reason(
          'SCAN_PARTIAL',
          'INFO',
          'Only the first 64 MB of content were searched for edit marks.',
        ),
      );
    return makeCheck('DOC_AUTHENTICITY', 'pdf_text_edit', outcomeFromReasons(reasons), {
      reasons,
      details: { marks: scan.found, streams: scan.streamsScanned },
    });
  } catch (err) {
    return notRun(
      'DOC_AUTHENTICITY',
      'pdf_text_edit',
      'STREAMS_UNREADABLE',
      `The PDF's content streams could not be decoded (${shorten(err instanceof Error ? err.message : String(err))}).`,
    );
  }
}

const STANDARD_14 =
  /^(Helvetica|Times-(Roman|Bold|Italic|BoldItalic)|Courier|Symbol|ZapfDingbats)(-|$)/;
const SUBSET = /^[A-Z]{6}\+(.+)$/;
/** A font is "lone" when it shows at most this much text, on a page with plenty of other text. */
const LONE_FONT_MAX_SPANS = 2;
const LONE_FONT_MIN_PAGE_SPANS = 10;
/** Generated statements use a handful of fonts; dozens of subsets suggest pieces from several tools. */
const MANY_SUBSET_FONTS = 10;
/** The first few text pieces of a page are headers and titles, which often have their own font. */
const HEADER_SPANS = 3;

function fontsCheck(read: PdfReadResult, flag: Severity): PreflightCheck {
  const reasons: Reason[] = [];
  const subsetTags = new Map<string, Set<string>>();
  for (const f of read.fonts) {
    const m = SUBSET.exec(f.name);
    if (m) {
      const base = m[1]!;
      if (!subsetTags.has(base)) subsetTags.set(base, new Set());
      subsetTags.get(base)!.add(f.name);
    }
  }
  for (const [base, names] of subsetTags) {
    if (names.size > 1) {
      reasons.push(
        reason(
          'FONT_SUBSET_MIXED',
          flag,
          `The font ${base} is embedded ${names.size} separate times (${[...names].join(', ')}); text added later by another tool typically does this.`,
        ),
      );
    }
  }
  const subsetCount = [...subsetTags.values()].reduce((n, set) => n + set.size, 0);
  if (subsetCount > MANY_SUBSET_FONTS) {
    reasons.push(
      reason(
        'MANY_SUBSET_FONTS',
        'INFO',
        `The PDF embeds ${subsetCount} font subsets, more than a generated statement usually needs.`,
      ),
    );
  }
  const standard = read.fonts.filter((f) => STANDARD_14.test(f.name)).map((f) => f.name);
  if (subsetTags.size > 0 && standard.length > 0) {
    reasons.push(
      reason(
        'FONT_STANDARD_MIXED',
        flag,
        `Generic fonts (${standard.join(', ')}) appear next to the document's own embedded fonts; text added by an editor often looks like this.`,
      ),
    );
  }
  for (const f of read.fonts) {
    const total = [...f.spansByPage.values()].reduce((a, b) => a + b, 0);
    const [page] = [...f.spansByPage.keys()];
    if (total > LONE_FONT_MAX_SPANS || f.spansByPage.size !== 1 || page === undefined) continue;
    const pageSpans = read.spansPerPage[page - 1] ?? 0;
    if (pageSpans - total >= LONE_FONT_MIN_PAGE_SPANS && f.firstSpanIndex >= HEADER_SPANS) {
      const others = read.fonts
        .filter((o) => o !== f && o.spansByPage.has(page))
        .map((o) => o.name);
      reasons.push(
        reason(
          'FONT_SINGLE_USE',
          flag,
          `On page ${page} the font ${f.name} is used for just ${total} piece${total > 1 ? 's' : ''} of text while the rest of the page uses ${others.join(', ') || 'other fonts'}; an edited figure often looks like this.`,
        ),
      );
    }
  }
  if (read.fontPagesInspected < read.pages) {
    reasons.push(
      reason(
        'FONTS_PARTIAL',
        'INFO',
        `Fonts were inspected on the first ${read.fontPagesInspected} of ${read.pages} pages.`,
      ),
    );
  }
  return makeCheck('DOC_AUTHENTICITY', 'pdf_fonts', outcomeFromReasons(reasons), {
    reasons,
    details: {
      fonts: read.fonts.map((f) => ({
        name: f.name,
        spans: [...f.spansByPage.values()].reduce((a, b) => a + b, 0),
        pages: f.spansByPage.size,
      })),
    },
  });
}

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function span(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 90) return `${Math.round(minutes)} minute${Math.round(minutes) === 1 ? '' : 's'}`;
  const hours = minutes / 60;
  if (hours < 48) return `${Math.round(hours)} hours`;
  return `${Math.round(hours / 24)} days`;
}

function shorten(message: string): string {
  return message.length > 120 ? `${message.slice(0, 117)}...` : message;
}
