package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Free text is matched against identifiers in a folded form, so that what
// people type in place of the real spelling still matches: NFKC first
// (full-width ＠ and letters, ligatures, superscripts become plain ones),
// then per character: zero-width characters and soft hyphens removed
// (they hide a username from a plain search while staying invisible),
// case folded, diacritics removed (Ångström → angstrom) and the letters
// that have no decomposition spelt as people write them without a special
// keyboard (ł → l, ø → o, ß → ss, æ → ae). Each folded byte remembers the
// character of the NFKC text it came from, so a match found in the folded
// text replaces exactly the characters the learner wrote.

// invisible are characters that are removed before matching and from the
// published text: zero-width space, non-joiner and joiner, word joiner,
// BOM (zero-width no-break space), soft hyphen, and the Mongolian vowel
// separator.
var invisible = map[rune]bool{'\u200B': true, '\u200C': true, '\u200D': true, '\u2060': true, '\uFEFF': true, '\u00AD': true, '\u180E': true}

// spelled maps letters without a Unicode decomposition to their usual
// plain spelling, and typographic apostrophes to the ASCII one.
var spelled = map[rune]string{'ł': "l", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ı': "i", 'ħ': "h",
	'ŀ': "l", 'ŧ': "t", '’': "'", '‘': "'", 'ʼ': "'", '`': "'", '´': "'", 'ﬁ': "fi"}

var folder = cases.Fold()

// folded is a text in its folded form with, for each folded byte, the
// byte offset in the source text of the character it came from.
type folded struct {
	src  string // the NFKC text, invisible characters still in it
	text string // folded
	from []int  // len(text)+1 entries; from[len(text)] = len(src)
}

// fold returns s in NFKC and its folded form.
func fold(s string) folded {
	src := norm.NFKC.String(s)
	var b strings.Builder
	from := make([]int, 0, len(src)+1)
	for i, r := range src {
		f := foldRune(r)
		b.WriteString(f)
		for range len(f) {
			from = append(from, i)
		}
	}
	from = append(from, len(src))
	return folded{src: src, text: b.String(), from: from}
}

// foldRune folds one character; "" for an invisible one or a combining
// mark.
func foldRune(r rune) string {
	if invisible[r] || unicode.Is(unicode.Mn, r) {
		return ""
	}
	if s, ok := spelled[r]; ok {
		return s
	}
	if r < utf8.RuneSelf {
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(folder.String(string(r))) {
		if !unicode.Is(unicode.Mn, d) {
			if s, ok := spelled[d]; ok {
				b.WriteString(s)
			} else {
				b.WriteRune(d)
			}
		}
	}
	return b.String()
}

// span returns the source bytes [start, end) behind folded bytes [i, j),
// with the combining marks that follow the last character.
func (f folded) span(i, j int) (int, int) {
	start, end := f.from[i], f.from[j]
	if j < len(f.text) && f.from[j] == f.from[j-1] { // j inside one source character
		_, n := utf8.DecodeRuneInString(f.src[f.from[j-1]:])
		end = f.from[j-1] + n
	}
	for end < len(f.src) {
		r, n := utf8.DecodeRuneInString(f.src[end:])
		if !unicode.Is(unicode.Mn, r) && !invisible[r] {
			break
		}
		end += n
	}
	return start, end
}

// foldWord folds a whole word the way fold folds text. Most names and
// usernames are ASCII, which NFKC leaves as it is and foldRune only
// lowers (but for the backquote, which it spells as an apostrophe): those
// take a short way.
func foldWord(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '`' {
			return fold(s).text
		}
	}
	return strings.ToLower(s)
}
