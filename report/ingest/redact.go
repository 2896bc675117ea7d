package ingest

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Redactor removes what identifies a person from free text: e-mail
// addresses (also written "name (at) domain (dot) org"), URLs (also
// without a scheme), IP addresses, phone numbers, and the names and
// usernames of the course's learners, which only ingest knows. Free-text
// answers are published only when a study opts in, and then only after
// this.
//
// Text is folded first (fold.go: NFKC, invisible characters removed, case
// and diacritics folded), so "ÅSA", "Asa", "a\u00ADsa" and "ａｓａ" all
// match the learner Åsa. The patterns are hand-written regular
// expressions (validated, for IP addresses, by net/netip): no maintained
// Go package for PII redaction is on the module proxy.
//
// Names and usernames are matched as whole words, or as whole pieces of a
// word joined by '-', '.' or an apostrophe (Wu-Berg, O'Brien's,
// jean-luc.p), against the profile's usernames and the parts of each
// learner's name of two letters or more. A word that is also a common
// English word (commonwords.txt: "the", "data", "will", "may") would
// otherwise turn every "the" into a placeholder, so such a word is
// redacted only where it is plainly a name: next to another part of the
// same learner's name ("Will Smith"), or after "my name is", "name:",
// "call me", "username", "user id", "handle", "login", "signed" or "@".
// Words introduced by "my name is", "name:" or "call me" and written with
// a capital are redacted even when no profile lists them.
type Redactor struct {
	// words maps a folded username or name part to the learners (by
	// order of addPerson) it belongs to.
	words map[string][]int
	n     int
	// people holds the usernames and names added since words was last
	// brought up to date: most builds redact nothing (free text is
	// published only on request), so the words are made on first use.
	people [][2]string
}

// Placeholders that replace what Redact removes.
const (
	phEmail = "[e-mail]"
	phURL   = "[URL]"
	phIP    = "[IP address]"
	phPhone = "[phone]"
	phName  = "[name]"
)

//go:embed commonwords.txt
var commonWordsText string

// commonWords holds the words of commonwords.txt, listed on first use.
var commonWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonWordsText, "\n") {
		if w := strings.TrimSpace(line); w != "" && !strings.HasPrefix(w, "#") {
			m[w] = true
		}
	}
	return m
})

const (
	local   = `[\p{L}\p{N}._%+\-]+`
	at      = `(?:\s*[(\[{<]\s*at\s*[)\]}>]\s*|\s*@\s*)`
	dotWord = `(?:\s*[(\[{<]\s*dot\s*[)\]}>]\s*|\s+dot\s+)`
	dot     = `(?:` + dotWord + `|\.)`
	label   = `[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`
	// tlds are the top-level domains a bare domain (no scheme, no www.)
	// must end in to count as one: common generic and country ones, not
	// those that are also file extensions (.md, .py, .sh, .js).
	tlds = `com|org|net|edu|gov|mil|int|info|biz|io|co|me|ai|app|dev|tech|online|site|page|xyz|ly|tv|eu|uk|us|ca|au|nz|ie|de|fr|se|no|dk|fi|is|nl|be|ch|at|es|it|pt|pl|cz|sk|hu|ro|gr|tr|ru|ua|cn|jp|kr|tw|hk|sg|in|br|mx|ar|cl|za|ng|ke`
)

var (
	// emailRE finds addresses with an @ or a bracketed "at"; spelledRE
	// those with a plain " at ", which must spell out a dot too ("ana at
	// mail dot se"), or "I work at example.com" would be one.
	emailRE   = lazyRegexp(local + at + label + `(?:` + dot + label + `)+`)
	spelledRE = lazyRegexp(local + `\s+at\s+` + label + `(?:` + dot + label + `)*` + dotWord + label + `(?:` + dot + label + `)*`)
	urlRE     = lazyRegexp(`(?:(?:https?|ftps?|sftp|file)://|www\.)[^\s<>"]+|\b(?:` + label + `\.)+(?:` + tlds + `)\b(?:/[^\s<>"]*)?`)
	ipv4RE    = lazyRegexp(`\b\d{1,3}(?:\.\d{1,3}){3}\b`)
	ipv6RE    = lazyRegexp(`[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}`)
	// A phone number: an optional +, then digits with spaces, dots,
	// dashes or brackets between them, at least seven digits in all.
	phoneRE = lazyRegexp(`\+?\(?\d[\d\s().\-]{5,}\d`)
	dateRE  = lazyRegexp(`^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[.\-]\d{1,2}[.\-]\d{2,4})$`)
	// introducer ends the text before a word that is then a name even if
	// it is a common word; strongIntro also before a capitalised word no
	// profile lists.
	introducer  = lazyRegexp(`(?:my name is|name is|name:|call me|user ?name:?|user ?id:?|handle:?|login:?|signed,?)\s*$|@$`)
	strongIntro = lazyRegexp(`(?:my name is|my name's|name:|call me)\s*$`)
)

// lazyRE is a regular expression compiled on first use: most builds
// redact nothing (a study without free text), and compiling the
// redactor's expressions when the program starts was 2 ms of every
// command.
type lazyRE struct{ re func() *regexp.Regexp }

// lazyRegexp is regexp.MustCompile(expr), compiled on first use.
func lazyRegexp(expr string) lazyRE {
	return lazyRE{sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// FindAllStringIndex is the compiled expression's.
func (l lazyRE) FindAllStringIndex(s string, n int) [][]int { return l.re().FindAllStringIndex(s, n) }

// MatchString is the compiled expression's.
func (l lazyRE) MatchString(s string) bool { return l.re().MatchString(s) }

// addPerson records a learner's username and name as words to redact.
func (r *Redactor) addPerson(username, name string) {
	r.people = append(r.people, [2]string{username, name})
}

// index adds the people added since it last ran to words.
func (r *Redactor) index() {
	for _, p := range r.people {
		r.addWords(p[0], p[1])
	}
	r.people = nil
}

// addWords lists the words of one learner's username and name.
func (r *Redactor) addWords(username, name string) {
	if r.words == nil {
		r.words = map[string][]int{}
	}
	id := r.n
	r.n++
	// Ids only grow, so a word already listed for this person is the
	// last one of its list: no need to search a common name's long list.
	add := func(w string) {
		if ids := r.words[w]; utf8.RuneCountInString(w) >= 2 && (len(ids) == 0 || ids[len(ids)-1] != id) {
			r.words[w] = append(ids, id)
		}
	}
	add(foldWord(strings.TrimSpace(username)))
	for _, part := range strings.FieldsFunc(foldWord(name), func(c rune) bool { return unicode.IsSpace(c) || c == '-' || c == '.' || c == ',' }) {
		add(part)
		for _, p := range strings.Split(part, "'") {
			add(p)
		}
	}
}

func containsInt(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// hit is a stretch of folded text to replace, and by what.
type hit struct {
	start, end int
	with       string
	rank       int // on equal start and length, the lower rank wins
}

// Redact returns s with personal details replaced by [e-mail], [URL],
// [IP address], [phone] and [name], and invisible characters removed.
func (r *Redactor) Redact(s string) string {
	f := fold(s)
	hits := patternHits(f.text)
	if r != nil {
		hits = append(hits, r.nameHits(f, hits)...)
	}
	hits = append(hits, introducedHits(f, hits)...)
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.rank < b.rank
	})
	var b strings.Builder
	pos := 0 // in f.src
	for _, h := range hits {
		start, end := f.span(h.start, h.end)
		if start < pos {
			continue // overlaps a longer or earlier hit
		}
		writeVisible(&b, f.src[pos:start])
		b.WriteString(h.with)
		pos = end
	}
	writeVisible(&b, f.src[pos:])
	return collapse(b.String())
}

// writeVisible writes s without its invisible characters.
func writeVisible(b *strings.Builder, s string) {
	for _, c := range s {
		if !invisible[c] {
			b.WriteRune(c)
		}
	}
}

// collapse merges "[name] [name]" (a first and a last name) into one.
func collapse(s string) string {
	for strings.Contains(s, phName+" "+phName) {
		s = strings.ReplaceAll(s, phName+" "+phName, phName)
	}
	return s
}
