package measures

import (
	"regexp"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// axisUnit finds the unit an axis label ends with in brackets: "Share of
// enrolled learners (%)" → "%".
var axisUnit = regexp.MustCompile(`\(([^()]+)\)\s*$`)

// seriesHeadings heads a figure's data columns with the series names and
// the value axis's unit ("EAT101x (%)"), so its CSV, which holds bare
// numbers, still says what they are. "% of answers" is a unit itself.
func seriesHeadings(f *report.Figure) []string {
	unit := ""
	if m := axisUnit.FindStringSubmatch(f.YLabel); m != nil {
		unit = m[1]
	} else if strings.HasPrefix(f.YLabel, "%") {
		unit = "%"
	}
	names := seriesNames(f)
	if unit != "" {
		for i := range names {
			names[i] += " (" + unit + ")"
		}
	}
	return names
}
