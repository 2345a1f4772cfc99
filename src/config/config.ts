/** The show's settings after validation and defaults: read-only for every later stage. */
export interface ArticleFeedSource {
  /** A local path (relative to the show folder) or an http(s) URL, as written in the config. */
  location: string;
  /** Display name; when absent the feed's own title is used. */
  name?: string;
  /** 1-based line of this entry in the config, for warnings. */
  line?: number;
}

export interface ShowConfig {
  title: string;
  /** Absolute base URL, always ending in `/`. */
  url: string;
  description: string;
  language: string;
  author: string;
  email?: string;
  /** Show artwork: an absolute URL, or a path inside the show folder copied to `out/`. */
  image?: string;
  /** Apple Podcasts categories; `"TV & Film"` or `"Arts > Books"` for a subcategory. */
  categories: string[];
  explicit: boolean;
  /** IANA time zone for dates without a time. */
  timezone: string;
  articles: {
    feeds: ArticleFeedSource[];
    maxRelated: number;
    minScore: number;
    /** Seconds a cached remote feed stays fresh. */
    refreshSeconds: number;
  };
  images: boolean;
}

/** Where the show lives and the options of one run. */
export interface BuildContext {
  /** Absolute path of the show folder. */
  root: string;
  /** Absolute path of the output folder. */
  out: string;
  drafts: boolean;
  offline: boolean;
}
