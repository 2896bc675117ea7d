package measures

import (
	"math"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestAltText(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		fig  report.Figure
		alt  func(*report.Figure) string
		want string
	}{
		{"bars name the chart, the measure and each series' largest group",
			report.Figure{Kind: report.FigureBars, Title: "Learners by gender", XLabel: "Gender", YLabel: "Share of learners (%)", Categories: []string{"Female", "Male"},
				Series: []report.Series{{Name: "EAT101x", Values: []float64{29.6, 66.4}}, {Name: "SUS201x", Values: []float64{35.4, 60.1}}}},
			altBars, "Bar chart of learners by gender, share of learners in % by gender: in EAT101x, the largest group is Male (66.4 %); in SUS201x, the largest group is Male (60.1 %)."},
		{"lines that fall give start, peak and end",
			report.Figure{Kind: report.FigureLines, Title: "Weekly active learners", XLabel: "Week", YLabel: "Share of enrolled learners (%)", Categories: []string{"1", "2", "3"},
				Series: []report.Series{{Name: "EAT101x", Values: []float64{40, 46.7, 27.7}}}},
			altLines, "Line chart of weekly active learners, share of enrolled learners in % by week: EAT101x was 40.0 % in week 1, peaked at 46.7 % in week 2 and was 27.7 % in week 3."},
		{"lines that only rise say so",
			report.Figure{Kind: report.FigureLines, Title: "Cumulative registrations", XLabel: "Week", YLabel: "Share of registered learners (%)", Categories: []string{"-1", "0", "1"},
				Series: []report.Series{{Name: "A", Values: []float64{10, 50, 100}}}},
			altLines, "Line chart of cumulative registrations, share of registered learners in % by week: A rose from 10.0 % in week -1 to 100.0 % in week 1."},
		{"withheld values are mentioned",
			report.Figure{Kind: report.FigureHistogram, Title: "Grades", XLabel: "Grade", YLabel: "Learners", Categories: []string{"a", "b", "c"},
				Series: []report.Series{{Name: "A", Values: []float64{nan, 12, nan}}}},
			altBars, "Histogram of grades, learners by grade: the largest group is b (12). 2 values are withheld or missing."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.alt(&tt.fig); got != tt.want {
				t.Errorf("alt =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
