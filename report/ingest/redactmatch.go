package ingest

import (
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"
)

// patternHits finds e-mail addresses, URLs, IP addresses and phone
// numbers in folded text t.
func patternHits(t string) []hit {
	var hits []hit
	for _, re := range []lazyRE{emailRE, spelledRE} {
		for _, m := range re.FindAllStringIndex(t, -1) {
			hits = append(hits, hit{m[0], m[1], phEmail, 0})
		}
	}
	for _, m := range urlRE.FindAllStringIndex(t, -1) {
		end := m[0] + len(strings.TrimRight(t[m[0]:m[1]], ".,;:!?)'\""))
		hits = append(hits, hit{m[0], end, phURL, 1})
	}
	for _, re := range []lazyRE{ipv4RE, ipv6RE} {
		for _, m := range re.FindAllStringIndex(t, -1) {
			s := strings.Trim(t[m[0]:m[1]], ".")
			if a, err := netip.ParseAddr(s); err == nil && hexDigits(s) >= 2 && (a.Is4() || strings.Count(s, ":") >= 2) {
				start := m[0] + strings.Index(t[m[0]:m[1]], s)
				hits = append(hits, hit{start, start + len(s), phIP, 2})
			}
		}
	}
	for _, m := range phoneRE.FindAllStringIndex(t, -1) {
		s := t[m[0]:m[1]]
		if countDigits(s) >= 7 && !dateRE.MatchString(s) {
			hits = append(hits, hit{m[0], m[1], phPhone, 3})
		}
	}
	return hits
}

// countDigits counts the decimal digits in s.
func countDigits(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

func hexDigits(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'f' {
			n++
		}
	}
	return n
}

// maxPieces is the most pieces of a token (jean-luc.p has three) a
// username or name may span; it bounds the work on a long dotted run.
const maxPieces = 6

// word is a stretch of folded text that is a learner's username or name
// part.
type word struct {
	start, end int
	text       string
	learners   []int
}

// nameHits finds the learners' names and usernames in f, outside the
// pattern hits already found.
func (r *Redactor) nameHits(f folded, found []hit) []hit {
	r.index()
	if len(r.words) == 0 {
		return nil
	}
	t := f.text
	covered := coverage(len(t), found)
	var cands []word
	for _, tok := range tokens(t) {
		if overlaps(covered, tok[0], tok[len(tok)-1]) {
			continue
		}
		// tok holds the start of each piece and, last, the token's end;
		// the longest run of pieces that is a word, from each piece on.
		for i := 0; i+1 < len(tok); {
			j := min(len(tok)-1, i+maxPieces)
			for ; j > i; j-- {
				if ids := r.words[t[tok[i]:pieceEnd(t, tok, j)]]; ids != nil {
					break
				}
			}
			if j == i {
				i++
				continue
			}
			s, e := tok[i], pieceEnd(t, tok, j)
			cands = append(cands, word{s, e, t[s:e], r.words[t[s:e]]})
			i = j
		}
	}
	var hits []hit
	for k, c := range cands {
		if commonWords()[c.text] && !introducer.MatchString(t[max(0, c.start-24):c.start]) &&
			!(k > 0 && besides(t, cands[k-1], c)) && !(k+1 < len(cands) && besides(t, c, cands[k+1])) {
			continue
		}
		hits = append(hits, hit{c.start, c.end, phName, 4})
	}
	return hits
}

// besides tells whether a and b are parts of one learner's name written
// next to each other (a space, or a separator within a word, between).
func besides(t string, a, b word) bool {
	if strings.TrimSpace(t[a.end:b.start]) != "" && b.start-a.end != 1 {
		return false
	}
	for _, x := range a.learners {
		if containsInt(b.learners, x) {
			return true
		}
	}
	return false
}

// tokens splits t into words: runs of letters, digits and '_', joined by
// single '-', '.' or apostrophes (jean-luc.p, O'Brien's). Each token is
// the byte offsets of its pieces' starts, then its end.
func tokens(t string) [][]int {
	var out [][]int
	for i := 0; i < len(t); {
		if c, n := utf8.DecodeRuneInString(t[i:]); !isWordRune(c) {
			i += n
			continue
		}
		tok := []int{i}
		for {
			for i < len(t) {
				c, n := utf8.DecodeRuneInString(t[i:])
				if !isWordRune(c) {
					break
				}
				i += n
			}
			if i+1 < len(t) && strings.IndexByte("-.'", t[i]) >= 0 {
				if c, _ := utf8.DecodeRuneInString(t[i+1:]); isWordRune(c) {
					i++
					tok = append(tok, i)
					continue
				}
			}
			break
		}
		out = append(out, append(tok, i))
	}
	return out
}

func isWordRune(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' }

// pieceEnd is the end of piece j-1 of token tok: the start of piece j
// less its separator, or the token's end.
func pieceEnd(t string, tok []int, j int) int {
	if j == len(tok)-1 {
		return tok[j]
	}
	return tok[j] - 1
}

// coverage marks the bytes of a text of length n that hits cover.
func coverage(n int, hits []hit) []bool {
	c := make([]bool, n)
	for _, h := range hits {
		for i := h.start; i < h.end; i++ {
			c[i] = true
		}
	}
	return c
}

// overlaps tells whether any byte of [start, end) is covered.
func overlaps(covered []bool, start, end int) bool {
	for i := start; i < end; i++ {
		if covered[i] {
			return true
		}
	}
	return false
}

var introduced = lazyRegexp(`(?:my name is|my name's|name:|call me)\s*`)

// introducedHits finds up to three capitalised words after "my name is",
// "name:" or "call me": a name even when no profile lists it.
func introducedHits(f folded, found []hit) []hit {
	var hits []hit
	t := f.text
	covered := coverage(len(t), found)
	for _, m := range introduced.FindAllStringIndex(t, -1) {
		pos := m[1]
		for n := 0; n < 3; n++ {
			e := pos
			for e < len(t) {
				c, size := utf8.DecodeRuneInString(t[e:])
				if !unicode.IsLetter(c) && c != '-' && c != '\'' {
					break
				}
				e += size
			}
			first, _ := utf8.DecodeRuneInString(f.src[f.from[pos]:])
			if e == pos || !unicode.IsUpper(first) || commonWords()[t[pos:e]] || overlaps(covered, pos, e) {
				break
			}
			hits = append(hits, hit{pos, e, phName, 4})
			if e >= len(t) || t[e] != ' ' {
				break
			}
			pos = e + 1
		}
	}
	return hits
}
