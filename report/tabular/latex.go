package tabular

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// LaTeX writes t as a LaTeX table float with booktabs rules, for pasting
// into a paper. label names the table's number in the report ("Table 3")
// and goes into a comment beside the source, since a paper numbers its
// own floats. Columns the report sets right-aligned (NumericColumns) are
// plain "r" columns: siunitx would need every cell to be a bare number,
// and suppressed cells ("<5") and percentages are not. Note and Definition
// follow the tabular, as in the report.
//
// The output needs \usepackage{booktabs}; it is UTF-8 and uses only
// commands of the LaTeX kernel otherwise, so pdfLaTeX, XeLaTeX and LuaLaTeX
// all read it.
func LaTeX(t *report.Table, label string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%% %s. %s\n", label, oneLine(t.Title))
	fmt.Fprintf(&b, "%% Written by moocreport from the report's table %q; needs \\usepackage{booktabs}.\n", t.ID)
	ncol := Width(t)
	numeric := NumericColumns(t)
	spec := make([]byte, ncol)
	for c := range spec {
		spec[c] = 'l'
		if numeric[c] {
			spec[c] = 'r'
		}
	}
	b.WriteString("\\begin{table}[htbp]\n\\centering\n")
	fmt.Fprintf(&b, "\\caption{%s}\n\\label{tab:%s}\n", Escape(t.Title), labelID(t.ID))
	fmt.Fprintf(&b, "\\begin{tabular}{@{}%s@{}}\n\\toprule\n", spec)
	row := func(cells []string) {
		for len(cells) < ncol {
			cells = append(cells, "")
		}
		for i, c := range cells {
			cells[i] = Escape(c)
		}
		b.WriteString(strings.Join(cells, " & ") + " \\\\\n")
	}
	row(append([]string(nil), t.Columns...))
	b.WriteString("\\midrule\n")
	for _, r := range t.Rows {
		texts := make([]string, len(r))
		for i, c := range r {
			texts[i] = c.Text
		}
		row(texts)
	}
	b.WriteString("\\bottomrule\n\\end{tabular}\n")
	for _, p := range [][2]string{{"Note.", t.Note}, {"Definition.", t.Definition}} {
		if p[1] != "" {
			fmt.Fprintf(&b, "\\par\\smallskip{\\footnotesize\\emph{%s} %s\\par}\n", p[0], Escape(p[1]))
		}
	}
	b.WriteString("\\end{table}\n")
	return []byte(b.String())
}

// latexReplacer escapes LaTeX's special characters, and writes the
// symbols reports use that pdfLaTeX's default text fonts lack (≤, χ, …) as
// math or text commands. "<" and ">" need commands too: in the default OT1
// encoding they print as ¡ and ¿.
var latexReplacer = strings.NewReplacer(
	`\`, `\textbackslash{}`,
	`&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`, `_`, `\_`, `{`, `\{`, `}`, `\}`,
	`~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
	`<`, `\textless{}`, `>`, `\textgreater{}`, `|`, `\textbar{}`,
	"≤", `$\leq$`, "≥", `$\geq$`, "±", `$\pm$`, "×", `$\times$`, "−", `$-$`,
	"χ", `$\chi$`, "α", `$\alpha$`, "β", `$\beta$`, "η", `$\eta$`, "²", `\textsuperscript{2}`,
	"–", `--`, "—", `---`, "…", `\ldots{}`, "\u00a0", `~`,
)

// Escape makes s safe as LaTeX text: after it, every character prints as
// itself.
func Escape(s string) string { return latexReplacer.Replace(oneLine(s)) }

// oneLine folds line breaks, which would end a LaTeX comment or start a
// paragraph inside a cell.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

var notLabel = regexp.MustCompile(`[^A-Za-z0-9.:-]+`)

// labelID keeps an id to the characters safe in \label and \ref.
func labelID(id string) string { return notLabel.ReplaceAllString(id, "-") }
