package ingest

import (
	"regexp"
	"strings"
	"unicode"
)

// Redactor removes what identifies a person from free text: e-mail
// addresses, URLs, phone numbers, and the names and usernames of the
// course's learners, which only ingest knows. Free-text answers are
// published only when a study opts in, and then only after this.
//
// Patterns are hand-written regular expressions rather than a library:
// no maintained Go package for PII redaction is on the module proxy, and
// these three shapes are the ones issue 4 names; names are matched as
// whole words, case-insensitively, against the profile's own list
// (usernames, and each part of a learner's name, hyphenated parts too).
type Redactor struct {
	// words holds lower-cased usernames and name parts. Parts of two
	// letters count too ("Li", "Wu"): a privacy filter errs on the side
	// of redacting a word too many.
	words map[string]bool
}

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	urlRE   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"]+`)
	// A phone number: an optional +, then digits with spaces, dots,
	// dashes or brackets between them, at least seven digits in all.
	phoneRE = regexp.MustCompile(`\+?\(?\d[\d\s().\-]{5,}\d`)
)

// addPerson records a learner's username and name as words to redact.
func (r *Redactor) addPerson(username, name string) {
	if r.words == nil {
		r.words = map[string]bool{}
	}
	if u := strings.ToLower(strings.TrimSpace(username)); len([]rune(u)) >= 3 {
		r.words[u] = true
	}
	for _, part := range strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return unicode.IsSpace(c) || c == '-' }) {
		pieces := append([]string{part}, strings.Split(part, "'")...)
		for _, p := range pieces {
			if len([]rune(p)) >= 2 {
				r.words[p] = true
			}
		}
	}
}

// Redact returns s with personal details replaced by [e-mail], [URL],
// [phone] and [name].
func (r *Redactor) Redact(s string) string {
	s = emailRE.ReplaceAllString(s, "[e-mail]")
	s = urlRE.ReplaceAllString(s, "[URL]")
	s = phoneRE.ReplaceAllStringFunc(s, func(m string) string {
		digits := 0
		for _, c := range m {
			if c >= '0' && c <= '9' {
				digits++
			}
		}
		if digits < 7 {
			return m
		}
		return "[phone]"
	})
	if r == nil || len(r.words) == 0 {
		return s
	}
	// Replace whole words that are a learner's username or part of a name.
	var b strings.Builder
	word := func(w string) {
		if r.words[strings.ToLower(w)] {
			b.WriteString("[name]")
			return
		}
		// "O'Brien's", "Brien's": the longest run of apostrophe-separated
		// pieces that is a name, then the rest, piece by piece.
		pieces := strings.Split(w, "'")
		for i := 0; i < len(pieces); {
			if i > 0 {
				b.WriteByte('\'')
			}
			j := len(pieces)
			for ; j > i && !r.words[strings.ToLower(strings.Join(pieces[i:j], "'"))]; j-- {
			}
			if j > i {
				b.WriteString("[name]")
				i = j
				continue
			}
			b.WriteString(pieces[i])
			i++
		}
	}
	start := -1
	for i, c := range s {
		inWord := unicode.IsLetter(c) || unicode.IsDigit(c) || c == '_' || (c == '.' || c == '\'') && start >= 0
		if inWord && start < 0 {
			start = i
		}
		if !inWord && start >= 0 {
			w := strings.TrimRight(s[start:i], ".'")
			word(w)
			b.WriteString(s[start+len(w) : i])
			start = -1
		}
		if !inWord {
			b.WriteRune(c)
		}
	}
	if start >= 0 {
		w := strings.TrimRight(s[start:], ".'")
		word(w)
		b.WriteString(s[start+len(w):])
	}
	return collapse(b.String())
}

// collapse merges "[name] [name]" (a first and a last name) into one.
func collapse(s string) string {
	for strings.Contains(s, "[name] [name]") {
		s = strings.ReplaceAll(s, "[name] [name]", "[name]")
	}
	return s
}
