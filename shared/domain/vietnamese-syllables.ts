/**
 * Whether a folded word can be a Vietnamese syllable: an onset and a rhyme as the orthography
 * writes them, diacritics folded away ("hương" → "huong" = h + uong). It is a generous superset
 * (spelling rules such as c/k/q before front vowels are not enforced), used to tell which
 * one-letter corrections of a mistyped name word are worth looking up: "huog" → "huong", never
 * "hougg".
 */

const ONSETS = ['', ...'b c ch d g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x'.split(' ')];

/** After "qu" the rhyme's u is the onset's: "quỳnh" = qu + ynh. */
const RHYMES = new Set(
  `a ac ach ai am an ang anh ao ap at au ay
   e ec ech em en eng enh eo ep et eu
   i ia ich iec iem ien ieng iep iet ieu im in inh ip it iu
   o oa oac oach oai oam oan oang oanh oao oap oat oay oc oe oen oeo oet oi om on ong ooc oong op ot
   u ua uan uang uat uay uc ue uech uen uenh uet ui um un ung uo uoc uoi uom uon uong uop uot uou up ut uu
   uy uya uych uyen uyet uynh uyt uyu
   y ych yen yet yeu ynh yt`.split(/\s+/),
);

export function isSyllable(word: string): boolean {
  return ONSETS.some((onset) => word.startsWith(onset) && RHYMES.has(word.slice(onset.length)));
}
