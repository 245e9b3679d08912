/** Just enough XML for the REST/query protocols' answers (S3, CloudFormation). */

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

/** A value to render: text, nested elements, a list of `<member>`s (CloudFormation's lists), or nothing (omitted). */
export type XmlValue = string | number | boolean | undefined | null | XmlValue[] | { [name: string]: XmlValue };

/** Elements for the fields of `value`; arrays become `<member>` lists. */
export function toXml(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([name, v]) => `<${name}>${toXml(v)}</${name}>`)
      .join('');
  }
  return escapeXml(String(value));
}
