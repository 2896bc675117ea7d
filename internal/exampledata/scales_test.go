package exampledata

import (
	"path/filepath"
	"testing"

	"github.com/moocreport/moocreport/report/stats"
)

// TestScales: the items of each designed scale agree as real survey
// scales do (Cronbach's α between .7 and .9, as stats.CronbachAlpha computes
// it for the report), and confidence rises from pre to post by a plausible
// amount (a mean gain of a quarter to one and a half points on 1–5).
func TestScales(t *testing.T) {
	dir := generated(t)
	tests := []struct {
		course, instrument, scale string
		columns                   []int // the scale's item columns
	}{
		{"eat", "pre", "confidence", []int{20, 21, 22}},
		{"eat", "post", "confidence", []int{17, 18, 19}},
		{"eat", "post", "satisfaction", []int{20, 21, 22, 23}},
		{"sus", "pre", "confidence", []int{20, 21, 22}},
		{"sus", "post", "confidence", []int{17, 18, 19}},
		{"sus", "post", "satisfaction", []int{20, 21, 22, 23}},
	}
	means := map[string]float64{}
	for _, tc := range tests {
		t.Run(tc.course+"-"+tc.instrument+"-"+tc.scale, func(t *testing.T) {
			c := courseByKey(t, tc.course)
			rows := readCSV(t, filepath.Join(dir, tc.course, c.number+"_"+tc.instrument+"-course_survey.csv"))[3:]
			items, sum := likertRows(rows, tc.columns)
			a, err := stats.CronbachAlpha(items)
			if err != nil {
				t.Fatal(err)
			}
			if a.Alpha < 0.7 || a.Alpha > 0.9 {
				t.Errorf("α = %.3f over %d respondents; want .7–.9", a.Alpha, a.N)
			}
			means[tc.course+tc.instrument+tc.scale] = sum / float64(len(items)*len(tc.columns))
		})
	}
	for _, k := range []string{"eat", "sus"} {
		if gain := means[k+"postconfidence"] - means[k+"preconfidence"]; gain < 0.25 || gain > 1.5 {
			t.Errorf("%s: confidence gains %.2f points; want .25–1.5", k, gain)
		}
	}
}

// likertRows returns the 1–5 codes of the given columns of the responses
// that answered all of them, and their sum.
func likertRows(rows [][]string, columns []int) ([][]float64, float64) {
	var items [][]float64
	sum := 0.0
	for _, row := range rows {
		codes := make([]float64, 0, len(columns))
		for _, col := range columns {
			for k, label := range agree5 {
				if row[col] == label {
					codes = append(codes, float64(k+1))
				}
			}
		}
		if len(codes) == len(columns) {
			items = append(items, codes)
			for _, v := range codes {
				sum += v
			}
		}
	}
	return items, sum
}
