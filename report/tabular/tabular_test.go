package tabular

import (
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/moocreport/moocreport/report"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func num(v float64) *float64 { return &v }

func TestField(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text", "verified", "verified"},
		{"empty", "", ""},
		{"suppressed cell keeps its text", "<5", "<5"},
		{"formula", "=SUM(A1:A2)", "'=SUM(A1:A2)"},
		{"plus formula", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"minus formula", "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"at sign", "@SUM(1)", "'@SUM(1)"},
		{"leading tab", "\t=1", "'\t=1"},
		{"leading CR", "\r=1", "'\r=1"},
		{"negative number", "-3.2", "-3.2"},
		{"signed number", "+0.5", "+0.5"},
		{"negative percentage", "-12.5 %", "-12.5 %"},
		{"negative with thousands", "-1,234.5", "-1,234.5"},
		{"exponent", "-1.2e-5", "-1.2e-5"},
		{"dash alone", "-", "'-"},
		{"en dash is not a minus sign", "–3", "–3"},
		{"formula later in text", "a=1", "a=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Field(tt.in); got != tt.want {
				t.Errorf("Field(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name string
		tab  *report.Table
		want string
	}{
		{"guarded, quoted, withheld as empty with a status column", &report.Table{Columns: []string{"Group", "n"}, Rows: [][]report.Cell{
			{{Text: "=evil"}, {Text: "<5", Value: num(3), Withheld: report.WithheldPrimary}},
			{{Text: "a, \"quoted\" label"}, {Text: "-7", Value: num(-7)}},
		}}, "Group,n,Withheld\r\n'=evil,,n: primary\r\n\"a, \"\"quoted\"\" label\",-7,\r\n"},
		{"numbers, not their text", &report.Table{Columns: []string{"Course", "EAT101x n", "EAT101x %", "p"}, Rows: [][]report.Cell{
			{{Text: "EAT101x"}, {Text: "1,344", Value: num(1344)}, {Text: "46.7 %", Value: num(140.0 / 3)}, {Text: "< .001", Value: num(8.2e-73)}},
			{{Text: "SUS201x"}, {Text: "−3", Value: num(-3)}, {Text: "0.0 %", Value: num(0)}, {Text: ".015", Value: num(0.0151)}},
		}}, "Course,EAT101x n,EAT101x %,p\r\nEAT101x,1344,46.666666666666664,8.2e-73\r\nSUS201x,-3,0,0.0151\r\n"},
		{"not applicable is empty, text stays", &report.Table{Columns: []string{"Stage", "n", "note"}, Rows: [][]report.Cell{
			{{Text: "Explored"}, {Text: "n/a"}, {Text: "–"}},
			{{Text: "Active"}, {Text: "12", Value: num(12)}, {Text: "a word"}},
		}}, "Stage,n,note\r\nExplored,,\r\nActive,12,a word\r\n"},
		{"status names every withheld cell of the row, short rows padded", &report.Table{Columns: []string{"Week", "EAT n", "EAT %", "SUS n"}, Rows: [][]report.Cell{
			{{Text: "1"}, {Text: "<5", Withheld: report.WithheldPrimary}, {Text: "<5", Withheld: report.WithheldPrimary}, {Text: "9", Value: num(9)}},
			{{Text: "2"}, {Text: "7", Value: num(7)}},
		}}, "Week,EAT n,EAT %,SUS n,Withheld\r\n1,,,9,EAT n: primary; EAT %: primary\r\n2,7,,,\r\n"},
		{"headings are guarded too", &report.Table{Columns: []string{"=x", "n"}}, "'=x,n\r\n"},
		{"no columns, rows only", &report.Table{Rows: [][]report.Cell{{{Text: "a"}}}}, "a\r\n"},
		{"empty table", &report.Table{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(CSV(tt.tab)); got != tt.want {
				t.Errorf("CSV = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		name string
		in   float64
		want string
	}{
		{"count", 1344, "1344"},
		{"large count, no exponent", 1234567, "1234567"},
		{"negative", -3.25, "-3.25"},
		{"zero", 0, "0"},
		{"negative zero", math.Copysign(0, -1), "0"},
		{"share at full precision", 140.0 / 3, "46.666666666666664"},
		{"small p keeps its digits", 8.2e-73, "8.2e-73"},
		{"p just above the exponent threshold", 0.00012, "0.00012"},
		{"tiny p", 5e-324, "5e-324"},
		{"NaN is empty", math.NaN(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Number(tt.in)
			if got != tt.want {
				t.Errorf("Number(%v) = %q, want %q", tt.in, got, tt.want)
			}
			if back, err := strconv.ParseFloat(got, 64); got != "" && (err != nil || back != tt.in) {
				t.Errorf("Number(%v) = %q reads back as %v, %v", tt.in, got, back, err)
			}
		})
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Learners", "Learners"},
		{"specials", `50% & $5 #1 a_b {x} ~ ^ \`, `50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}`},
		{"suppressed cell", "<5", `\textless{}5`},
		{"symbols", "χ² ≤ 0.05 ± 1 – 2", `$\chi$\textsuperscript{2} $\leq$ 0.05 $\pm$ 1 -- 2`},
		{"letters pass through", "Åsa Müller", "Åsa Müller"},
		{"line breaks fold", "a\n\nb", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNumericColumns(t *testing.T) {
	tests := []struct {
		name string
		rows [][]report.Cell
		want []bool
	}{
		{"cells with values are numbers", [][]report.Cell{{{Text: "EAT"}, {Text: "12", Value: num(1)}}}, []bool{false, true}},
		{"suppressed cells count as numbers", [][]report.Cell{{{Text: "EAT"}, {Text: "<5", Withheld: report.WithheldPrimary}}, {{Text: "SUS"}, {Text: "7"}}}, []bool{false, true}},
		{"number-like text", [][]report.Cell{{{Text: "EAT"}, {Text: "41.2 %"}}, {{Text: "SUS"}, {Text: "1,204"}}}, []bool{false, true}},
		{"one word makes a text column", [][]report.Cell{{{Text: "EAT"}, {Text: "12"}}, {{Text: "SUS"}, {Text: "many"}}}, []bool{false, false}},
		{"empty cells do not decide", [][]report.Cell{{{Text: "EAT"}, {Text: ""}}, {{Text: "SUS"}, {Text: "3"}}}, []bool{false, true}},
		{"the label column stays left", [][]report.Cell{{{Text: "1"}, {Text: "2"}}}, []bool{false, true}},
		{"a dash for not applicable does not decide", [][]report.Cell{{{Text: "EAT"}, {Text: "–"}}, {{Text: "SUS"}, {Text: "3", Value: num(3)}}}, []bool{false, true}},
		{"a leading row of labels is a second heading", [][]report.Cell{{{Text: "Course"}, {Text: "EAT101x"}}, {{Text: "Mean"}, {Text: "3.2", Value: num(3.2)}}}, []bool{false, true}},
		{"labels below numbers make a text column", [][]report.Cell{{{Text: "Mean"}, {Text: "3.2", Value: num(3.2)}}, {{Text: "Course"}, {Text: "EAT101x"}}}, []bool{false, false}},
		{"p-values with a leading point", [][]report.Cell{{{Text: "a"}, {Text: ".661"}}, {{Text: "b"}, {Text: "< .001"}}, {{Text: "c"}, {Text: "<.001"}}}, []bool{false, true}},
		{"an all-text table stays text", [][]report.Cell{{{Text: "a"}, {Text: "no"}}, {{Text: "b"}, {Text: "yes"}}}, []bool{false, false}},
		{"rows wider than the headings", [][]report.Cell{{{Text: "a"}, {Text: "2"}, {Text: "x"}}}, []bool{false, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NumericColumns(&report.Table{Columns: []string{"Course", "n"}, Rows: tt.rows})
			if !slices.Equal(got, tt.want) {
				t.Errorf("NumericColumns = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLaTeXGolden keeps a representative table's LaTeX under review.
func TestLaTeXGolden(t *testing.T) {
	tab := &report.Table{ID: "performance_pass", Title: "Pass rate & certificates (χ² test)", Columns: []string{"Course", "Graded", "Passed", "Pass rate", "Track"},
		Rows: [][]report.Cell{
			{{Text: "EAT101x"}, {Text: "1,204", Value: num(1204)}, {Text: "<5", Withheld: report.WithheldPrimary}, {Text: "41.2 %", Value: num(41.2)}, {Text: "verified"}},
			{{Text: "SUS_201x"}, {Text: "988", Value: num(988)}, {Text: "407", Value: num(407)}, {Text: "–", Withheld: report.WithheldPrimary}, {Text: "audit"}},
		},
		Note: "Counts under 5 are withheld.", Definition: "Passed: final grade ≥ pass mark; 95 % CI."}
	got := LaTeX(tab, "Table 7")
	golden := filepath.Join("testdata", "table.tex")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("LaTeX differs from %s (go test -update rewrites it; review the diff):\n%s", golden, got)
	}
}
