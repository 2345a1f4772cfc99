/**
 * Words the benchmark's generator draws from, grouped by part of speech so that random
 * sentences read roughly like prose. Written for this project; a few hundred common words.
 */
export const nouns = [
  'story', 'scene', 'camera', 'script', 'writer', 'director', 'actor', 'season', 'episode',
  'office', 'kitchen', 'table', 'window', 'hallway', 'door', 'parking', 'lot', 'desk', 'phone',
  'meeting', 'party', 'wedding', 'dinner', 'lunch', 'coffee', 'morning', 'evening', 'night',
  'week', 'year', 'day', 'minute', 'moment', 'joke', 'line', 'take', 'shot', 'set', 'stage',
  'crew', 'cast', 'audience', 'fan', 'friend', 'boss', 'manager', 'sister', 'brother', 'mother',
  'father', 'neighbor', 'town', 'city', 'road', 'car', 'truck', 'bus', 'train', 'boat', 'beach',
  'forest', 'garden', 'house', 'room', 'basement', 'roof', 'warehouse', 'store', 'market',
  'bakery', 'library', 'school', 'hospital', 'hotel', 'restaurant', 'bar', 'gym', 'park',
  'letter', 'note', 'book', 'song', 'dance', 'game', 'prize', 'gift', 'cake', 'candle', 'hat',
  'jacket', 'shirt', 'tie', 'shoe', 'ring', 'watch', 'picture', 'poster', 'sign', 'map', 'plan',
  'idea', 'question', 'answer', 'secret', 'promise', 'mistake', 'accident', 'surprise', 'rumor',
  'memory', 'dream', 'reason', 'problem', 'chance', 'choice', 'deal', 'job', 'interview',
  'contract', 'budget', 'schedule', 'rehearsal', 'costume', 'prop', 'wig', 'lamp', 'chair',
  'couch', 'printer', 'stapler', 'folder', 'report', 'memo', 'sale', 'client', 'customer',
  'team', 'league', 'match', 'trophy', 'holiday', 'winter', 'summer', 'spring', 'autumn', 'rain',
  'snow', 'storm', 'sun', 'moon', 'river', 'lake', 'hill', 'bridge', 'tower', 'field', 'farm',
  'horse', 'dog', 'cat', 'bird', 'duck', 'goat', 'pie', 'sandwich', 'pizza', 'soup', 'wine',
] as const;

export const adjectives = [
  'quiet', 'loud', 'small', 'huge', 'early', 'late', 'long', 'short', 'old', 'new', 'young',
  'happy', 'sad', 'angry', 'calm', 'brave', 'shy', 'proud', 'nervous', 'famous', 'strange',
  'funny', 'serious', 'gentle', 'sharp', 'bright', 'dark', 'warm', 'cold', 'wet', 'dry',
  'empty', 'full', 'busy', 'lazy', 'careful', 'clever', 'honest', 'kind', 'rude', 'polite',
  'tired', 'awake', 'lucky', 'simple', 'hard', 'easy', 'real', 'fake', 'golden', 'silver',
  'wooden', 'broken', 'hidden', 'open', 'secret', 'final', 'first', 'second', 'last', 'whole',
  'tiny', 'giant', 'perfect', 'awkward', 'sweet', 'bitter', 'fresh', 'ordinary', 'special',
  'wild', 'tender', 'rough', 'smooth', 'heavy', 'light', 'slow', 'quick', 'patient', 'stubborn',
] as const;

export const verbs = [
  'found', 'lost', 'kept', 'broke', 'built', 'wrote', 'read', 'sang', 'danced', 'played',
  'watched', 'heard', 'saw', 'told', 'asked', 'answered', 'called', 'carried', 'dropped',
  'moved', 'opened', 'closed', 'cleaned', 'painted', 'fixed', 'cooked', 'baked', 'bought',
  'sold', 'hid', 'shared', 'planned', 'changed', 'filmed', 'shot', 'cut', 'edited', 'rewrote',
  'improvised', 'rehearsed', 'remembered', 'forgot', 'missed', 'loved', 'hated', 'admired',
  'noticed', 'followed', 'joined', 'left', 'visited', 'covered', 'described', 'explained',
  'pitched', 'saved', 'won', 'ruined', 'surprised', 'thanked', 'trusted', 'warned', 'invited',
] as const;

export const adverbs = [
  'quietly', 'slowly', 'quickly', 'finally', 'suddenly', 'carefully', 'happily', 'barely',
  'nearly', 'always', 'never', 'often', 'sometimes', 'really', 'almost', 'gently', 'honestly',
  'simply', 'clearly', 'secretly', 'loudly', 'proudly', 'eventually', 'immediately',
] as const;

export const prepositions = [
  'in', 'on', 'under', 'behind', 'beside', 'near', 'across', 'through', 'after', 'before',
  'during', 'around', 'inside', 'outside', 'past', 'toward', 'with', 'without', 'for', 'about',
] as const;

export const connectors = [
  'and then', 'but', 'so', 'because', 'while', 'although', 'until', 'since', 'and', 'yet',
] as const;

export const openers = [
  'Honestly,', 'Of course,', 'In the end,', 'At first,', 'Later,', 'Somehow,', 'By then,',
  'To be fair,', 'Looking back,', 'Meanwhile,', 'That week,', 'On set,', 'Apparently,',
] as const;

export const firstNames = [
  'Ada', 'Basil', 'Cora', 'Dashiell', 'Edie', 'Felix', 'Greta', 'Hollis', 'Ines', 'Jasper',
  'Kit', 'Lena', 'Milo', 'Nell', 'Otis', 'Pia', 'Quincy', 'Rosa', 'Silas', 'Tess', 'Uma',
  'Vera', 'Wes', 'Xavi', 'Yara', 'Zane', 'Bea', 'Cyrus', 'Dora', 'Emmett', 'Flora', 'Gus',
  'Hazel', 'Ivo', 'June', 'Knox', 'Lottie', 'Mabel', 'Nico', 'Opal', 'Percy', 'Ruth', 'Sol',
] as const;

export const lastNames = [
  'Abernathy', 'Bellweather', 'Castellan', 'Drummond', 'Eastwick', 'Fairbrother', 'Galloway',
  'Hartigan', 'Ingleby', 'Jessup', 'Kettering', 'Lindqvist', 'Marchetti', 'Nakamura-Pike',
  'Ostrowski', 'Pemberton', 'Quarles', 'Rutherford', 'Salcedo', 'Thistlewood', 'Underhill',
  'Valdivia', 'Whitlock', 'Yardley', 'Zimmerli', 'Ashgrove', 'Brannigan', 'Corrigan',
  'Delacroix', 'Esterhazy', 'Fenwick', 'Greenhalgh', 'Holloway', 'Iverson', 'Juniper',
] as const;

export const roles = [
  'director', 'writer', 'editor', 'casting director', 'production designer', 'composer',
  'costume designer', 'camera operator', 'props master', 'showrunner', 'stand-in', 'actor',
] as const;

export const outlets = [
  'Screen Ledger', 'Marquee Daily', 'The Couch Report', 'Frame Rate', 'Late Edition',
  'Prime Slot', 'The Laugh Track', 'Backlot Weekly', 'Channel Surfer', 'Recap Room',
] as const;
