package pdf

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestKeepTogether(t *testing.T) {
	const n = "\u00a0"
	tests := []struct{ name, in, want string }{
		{"APA chi-square", "χ²(6, N = 5,640) = 4.11, p = .661", "χ²(6," + n + "N" + n + "=" + n + "5,640)" + n + "=" + n + "4.11, p" + n + "=" + n + ".661"},
		{"sign glued to its number", "p <.001, d = 0.5", "p" + n + "<.001, d" + n + "=" + n + "0.5"},
		{"interval kept whole with CI", "95% CI [.12, .21]", "95%" + n + "CI" + n + "[.12," + n + ".21]"},
		{"number and unit", "45.9 % of learners, Δ 12 pp", "45.9" + n + "% of learners, Δ 12" + n + "pp"},
		{"prose in brackets still breaks", "(edX: enrolled-learner profile; OULAD: studentInfo)", "(edX: enrolled-learner profile; OULAD: studentInfo)"},
		{"an expression cut by emphasis: the node's open bracket runs to its end", "χ²(6, ", "χ²(6," + n},
		{"closing bracket of an expression begun in an earlier node", " = 5,640) = 4.11", n + "=" + n + "5,640)" + n + "=" + n + "4.11"},
		{"a unit followed by punctuation", "pass mark 50 %. Baseline (8.1 %), 12 pp;", "pass mark 50" + n + "%. Baseline (8.1" + n + "%), 12" + n + "pp;"},
		{"a reference and its number", "As Figure 7 and Table 14 show", "As Figure" + n + "7 and Table" + n + "14 show"},
		{"plain prose unchanged", "Learners were more active in every week.", "Learners were more active in every week."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keepTogether(tt.in); got != tt.want {
				t.Errorf("keepTogether(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestAPANotBrokenInTable sets APA results in a column too narrow for
// them: every line of the result column read back from the PDF starts a
// new part of the expression, never inside "p = .661" or "(6, N = 5,640)".
func TestAPANotBrokenInTable(t *testing.T) {
	apa := []string{
		"χ²(6, N = 5,640) = 4.11, p = .661, V = .03",
		"t(231) = 14.37, p < .001, dz = 0.94, 95% CI [0.79, 1.10], with a remark long enough to wrap",
		"U = 1,628,629, z = 19.88, p < .001, r = .42",
	}
	tab := &report.Table{ID: "apa", Title: "Results", Columns: []string{"Comparison", "Description", "Result (APA)"}}
	for i, a := range apa {
		tab.Rows = append(tab.Rows, []report.Cell{{Text: "ROW" + string(rune('A'+i))}, {Text: strings.Repeat("a long description of the comparison ", 6)}, {Text: a}})
	}
	doc := &report.Document{Title: "APA", Sections: []report.Section{{ID: "s", Title: "S", Blocks: []report.Block{{Table: tab}}}}}
	text := strings.ReplaceAll(strings.Join(pages(t, renderFile(t, doc, Options{})), "\n"), "\u00a0", " ")
	wrapped := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		for _, sign := range []string{"=", "<"} {
			if strings.HasSuffix(line, " "+sign) || strings.HasPrefix(line, sign+" ") {
				t.Errorf("a line breaks at a sign: %q", line)
			}
		}
		if strings.HasSuffix(line, ",") {
			wrapped = true // a result went on after one of its parts
		}
	}
	for _, part := range []string{"χ²(6, N = 5,640) = 4.11,", "p = .661,", "t(231) = 14.37,", "95% CI [0.79, 1.10]", "U = 1,628,629,"} {
		if !strings.Contains(text, part) {
			t.Errorf("%q was broken across lines:\n%s", part, text)
		}
	}
	if !wrapped {
		t.Errorf("the result column did not wrap, so the test proves nothing:\n%s", text)
	}
}
