import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts';

export type Pdf = PDFKit.PDFDocument;

/** The names the drawing code uses for the two embedded fonts. */
export const FONT = { regular: 'Encours-Regular', bold: 'Encours-Bold' } as const;

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  /** The creation date written in the PDF (the service's clock, so tests get stable files). */
  createdAt: Date;
}

/**
 * A Factur-X PDF's part beyond the drawing: the CII XML it carries (attached as `factur-x.xml`) and the
 * XMP values of the Factur-X extension schema (Factur-X 1.0 § 6.2).
 */
export interface FacturxAttachment {
  xml: string;
  fileName: string;
  documentType: string;
  version: string;
  conformanceLevel: string;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP of a Factur-X PDF/A-3: the extension schema that declares the fx: properties, then their values. */
function facturxXmp(fx: FacturxAttachment, modifiedAt: Date): string {
  const property = (name: string, description: string) =>
    `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${name}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${description}</pdfaProperty:description></rdf:li>`;
  return `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property><rdf:Seq>
                    ${property('DocumentFileName', 'The name of the embedded XML document')}
                    ${property('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}
                    ${property('Version', 'The actual version of the standard applying to the embedded XML document')}
                    ${property('ConformanceLevel', 'The conformance level of the embedded XML document')}
                </rdf:Seq></pdfaSchema:property>
            </rdf:li></rdf:Bag></pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
            <fx:DocumentType>${escapeXml(fx.documentType)}</fx:DocumentType>
            <fx:DocumentFileName>${escapeXml(fx.fileName)}</fx:DocumentFileName>
            <fx:Version>${escapeXml(fx.version)}</fx:Version>
            <fx:ConformanceLevel>${escapeXml(fx.conformanceLevel)}</fx:ConformanceLevel>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:ModifyDate>${modifiedAt.toISOString().split('.')[0]}Z</xmp:ModifyDate>
        </rdf:Description>
        `;
}

/**
 * Draws a document and returns the PDF's bytes, in memory: the one code path every document takes,
 * whether it is then written to a file (files/atomic-write.ts) or sent to the renderer (`document.render`).
 * Pages are buffered so `draw` can number them (« Page 1/2 ») once it knows how many there are.
 */
export async function renderPdfBytes(info: DocumentInfo, draw: (doc: Pdf) => void, facturx?: FacturxAttachment): Promise<Buffer> {
  const fonts = documentFonts();
  const doc = new PDFDocument({
    // Factur-X: PDF/A-3b (fonts embedded, as always here; pdfkit adds the sRGB output intent and pdfaid).
    ...(facturx ? { subset: 'PDF/A-3b' as const, pdfVersion: '1.7' as const } : {}),
    size: 'A4',
    margin: 0,
    bufferPages: true,
    // No default font: pdfkit's Helvetica is loaded through a runtime require the bundle cannot follow,
    // and every document uses the embedded fonts anyway.
    font: '',
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: 'Encours', Producer: 'Encours', CreationDate: info.createdAt, ModDate: info.createdAt },
  });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  if (facturx) attachFacturx(doc, facturx, info.createdAt);
  doc.end();
  return done;
}

/**
 * Attaches the XML as `factur-x.xml` (AFRelationship Alternative: the PDF and the XML say the same
 * invoice), referenced from the catalog's /AF and the EmbeddedFiles name tree by pdfkit, and declares it
 * in the XMP. pdfkit writes its XMP (title, author, subject) without escaping them, while the Info
 * dictionary takes them verbatim: they are escaped for the XMP alone, once the Info dictionary is written.
 */
function attachFacturx(doc: Pdf, fx: FacturxAttachment, createdAt: Date) {
  // `relationship` is pdfkit's (0.20, js/pdfkit.js AttachmentsMixin), missing from @types/pdfkit 0.17.
  const options: PDFKit.Mixins.PDFAttachmentOptions & { relationship: 'Alternative' } = {
    name: fx.fileName,
    type: 'text/xml',
    relationship: 'Alternative',
    description: 'Factur-X (EN 16931)',
    creationDate: createdAt,
    modifiedDate: createdAt,
  };
  doc.file(Buffer.from(fx.xml, 'utf8'), options);
  doc.appendXML(facturxXmp(fx, createdAt));
  const internals = doc as unknown as { endMetadata: () => void; info: Record<string, unknown> };
  const endMetadata = internals.endMetadata.bind(doc);
  internals.endMetadata = () => {
    for (const key of ['Title', 'Author', 'Subject', 'Creator', 'Producer'] as const) {
      const value = internals.info[key];
      if (typeof value === 'string') internals.info[key] = escapeXml(value);
    }
    endMetadata();
  };
}
