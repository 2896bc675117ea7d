package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// nbsp joins two words that must stay on one line. fpdf's Write and
// MultiCell break lines only at an ASCII space, so a no-break space holds;
// its SplitText would break at it too, which is why the renderer measures
// lines with splitText instead.
const nbsp = '\u00a0'

// isOperator reports whether r is a sign of a statistical expression whose
// neighbours stay with it: "p = .661" and "N = 5,640" never end a line at
// the sign.
func isOperator(r rune) bool {
	switch r {
	case '=', '<', '>', '≤', '≥', '≈', '±', '×':
		return true
	}
	return false
}

// operator reports whether the word w is one of the operators.
func operator(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size > 0 && size == len(w) && isOperator(r)
}

// refWords are the names of numbered things, kept with their number:
// "Table 14", "Figure 7".
var refWords = map[string]bool{"Table": true, "Figure": true, "Section": true, "Tables": true, "Figures": true}

// keepTogether replaces the spaces inside statistical expressions with
// no-break spaces, so an APA string such as "χ²(6, N = 5,640) = 4.11,
// p = .661" breaks only between its parts, after a comma, never inside
// one. Kept together: a sign and the words either side of it; everything
// between brackets that holds no word of three or more letters (degrees
// of freedom, an interval: "(6, N = 5,640)", "[.12, .21]"); "CI" and its
// interval; a number and its unit "%" or "pp"; "Table" or "Figure" and
// its number. Prose in brackets ("(edX:
// enrolled-learner profile)") still breaks as usual.
//
// Hand-written because the rules are a typesetter's, not a grammar's; no
// library knows APA notation, and the rules are few and tested.
func keepTogether(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	join := make([]bool, len(rs)) // join[i]: space at i becomes nbsp
	words := strings.Split(s, " ")
	// Word-level rules: a space at a word boundary, between words k and k+1.
	pos := 0
	for k := 0; k+1 < len(words); k++ {
		pos += utf8.RuneCountInString(words[k])
		a, b := words[k], words[k+1]
		first, size := utf8.DecodeRuneInString(b)
		if operator(a) || operator(b) || startsNumber(b) && refWords[a] || isUnit(b) && endsWithDigit(a) || a == "CI" && strings.HasPrefix(b, "[") || b == "CI" && strings.HasSuffix(a, "%") ||
			isOperator(first) && size < len(b) && startsNumber(b[size:]) {
			join[pos] = true
		}
		pos++ // the space
	}
	for _, span := range bracketSpans(rs) {
		if !hasLongWord(rs[span[0]:span[1]]) {
			for i := span[0]; i < span[1]; i++ {
				if rs[i] == ' ' {
					join[i] = true
				}
			}
		}
	}
	for i, j := range join {
		if j && rs[i] == ' ' {
			rs[i] = nbsp
		}
	}
	return string(rs)
}

// bracketSpans lists the [start, end) rune ranges inside brackets, each
// opening bracket to its closing one, or to the end of the text when it
// closes later (a Markdown text node may end inside an expression); a
// closing bracket without an opening one closes a span from the start.
func bracketSpans(rs []rune) [][2]int {
	var spans [][2]int
	var open []int
	for i, r := range rs {
		switch r {
		case '(', '[':
			open = append(open, i)
		case ')', ']':
			if n := len(open); n > 0 {
				spans = append(spans, [2]int{open[n-1], i})
				open = open[:n-1]
			} else {
				spans = append(spans, [2]int{0, i})
			}
		}
	}
	for _, o := range open {
		spans = append(spans, [2]int{o, len(rs)})
	}
	return spans
}

// hasLongWord reports whether rs holds a run of three or more letters: a
// word of prose rather than a symbol (N, p, CI, df).
func hasLongWord(rs []rune) bool {
	run := 0
	for _, r := range rs {
		if unicode.IsLetter(r) {
			if run++; run >= 3 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// isUnit reports whether a word is a unit that follows a number, with
// any punctuation after it: "%", "%.", "pp),".
func isUnit(w string) bool {
	w = strings.TrimRight(w, ".,;:)]")
	return w == "%" || w == "pp"
}

func endsWithDigit(s string) bool {
	r, size := utf8.DecodeLastRuneInString(s)
	return size > 0 && unicode.IsDigit(r)
}

// startsNumber reports whether s begins like a number: "5", ".001".
func startsNumber(s string) bool {
	r, size := utf8.DecodeRuneInString(strings.TrimPrefix(s, "."))
	return size > 0 && unicode.IsDigit(r)
}

// splitText wraps s into lines at most w wide in the current font, as
// fpdf's MultiCell sets them: it breaks only at ASCII spaces and line
// breaks, so no-break spaces hold (fpdf's SplitText breaks at any Unicode
// space). A word wider than w is cut where it must be, the only break
// inside a word the PDF makes; fpdf has no hyphenation, so words are
// otherwise never broken, and a hyphen in the text is only ever a hyphen.
func splitText(f *fpdf.Fpdf, s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		lines = append(lines, wrapLine(f, para, w)...)
	}
	return lines
}

func wrapLine(f *fpdf.Fpdf, s string, w float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(s, " ") {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if f.GetStringWidth(try) <= w+eps || (line == "" && word == "") {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = word
		for f.GetStringWidth(line) > w+eps {
			rs := []rune(line)
			n := len(rs) - 1
			for n > 1 && f.GetStringWidth(string(rs[:n])) > w+eps {
				n--
			}
			lines = append(lines, string(rs[:n]))
			line = string(rs[n:])
		}
	}
	return append(lines, line)
}
