import Parser from 'rss-parser';

/** What xml2js (inside rss-parser) makes of an element with attributes. */
export interface XmlNode {
  _?: string;
  $: Record<string, string>;
}
export interface CustomChannel {
  podcastGuid: string;
  /** With `keepArray`, as rss-parser drops the attributes of a node with text otherwise. */
  locked: XmlNode[];
  atomLink: XmlNode;
  persons: XmlNode[];
}
export interface CustomItem {
  soundbites?: XmlNode[];
  persons?: XmlNode[];
  chapters?: XmlNode;
  transcript?: XmlNode;
  guidNode: XmlNode[];
  description: string;
  contentEncoded: string;
}

/** rss-parser, asked for the namespaced tags it does not read by itself. */
export function rssParser(): Parser<CustomChannel, CustomItem> {
  return new Parser<CustomChannel, CustomItem>({
    customFields: {
      feed: [
        ['podcast:guid', 'podcastGuid'],
        ['podcast:locked', 'locked', { keepArray: true }],
        ['atom:link', 'atomLink'],
        ['podcast:person', 'persons', { keepArray: true }],
      ] as unknown as (keyof CustomChannel)[],
      item: [
        ['podcast:soundbite', 'soundbites', { keepArray: true }],
        ['podcast:person', 'persons', { keepArray: true }],
        ['podcast:chapters', 'chapters'],
        ['podcast:transcript', 'transcript'],
        ['guid', 'guidNode', { keepArray: true }],
        ['description', 'description'],
        ['content:encoded', 'contentEncoded'],
      ],
    },
  });
}

