/**
 * Transcripts are served as WebVTT, the format Apple ingests and the Podcasting 2.0
 * namespace recommends. SRT differs in its header, its cue numbers and its decimal comma
 * (https://www.w3.org/TR/webvtt1/); speaker tags `<v Name>` pass through untouched.
 */
export function toWebVtt(text: string, format: 'vtt' | 'srt'): string {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (format === 'vtt') return clean.endsWith('\n') ? clean : `${clean}\n`;
  const cues = clean
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n');
      // The numeric counter line of SRT is optional in WebVTT: drop it, keep the timing.
      if (/^\d+$/.test(lines[0]!.trim()) && lines[1]?.includes('-->')) lines.shift();
      lines[0] = lines[0]!.replace(/(\d{2}:\d{2}:\d{2}),(\d{3})/g, '$1.$2');
      return lines.join('\n');
    });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}
