package measures

import (
	"fmt"
	"math"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// seriesNames lists a figure's series names, in order.
func seriesNames(f *report.Figure) []string {
	var names []string
	for _, s := range f.Series {
		names = append(names, s.Name)
	}
	return names
}

// altBars describes a bar figure in words: the kind of chart, each
// series' largest category, and how many values were withheld.
func altBars(f *report.Figure) string {
	var parts []string
	for _, s := range f.Series {
		best := -1
		for i, v := range s.Values {
			if !math.IsNaN(v) && (best < 0 || v > s.Values[best]) {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		where := ""
		if len(f.Series) > 1 {
			where = "in " + s.Name + ", "
		}
		parts = append(parts, fmt.Sprintf("%sthe largest group is %s (%s)", where, f.Categories[best], altValue(f, s.Values[best])))
	}
	kind := "Bar chart"
	if f.Kind == report.FigureHistogram {
		kind = "Histogram"
	}
	return fmt.Sprintf("%s of %s, %s by %s: %s.%s", kind, lowerFirst(f.Title), altMeasure(f), lowerFirst(f.XLabel), joinSentences(parts), withheldNote(f))
}

// altLines describes a line figure: where each series starts, peaks and
// ends, or that it only rose, and how many values were withheld.
func altLines(f *report.Figure) string {
	var parts []string
	x := lowerFirst(f.XLabel)
	for _, s := range f.Series {
		first, peak, last := -1, -1, -1
		for i, v := range s.Values {
			if math.IsNaN(v) {
				continue
			}
			if first < 0 {
				first = i
			}
			if peak < 0 || v > s.Values[peak] {
				peak = i
			}
			last = i
		}
		switch {
		case first < 0:
			continue
		case peak == last:
			parts = append(parts, fmt.Sprintf("%s rose from %s in %s %s to %s in %s %s", s.Name, altValue(f, s.Values[first]), x, f.Categories[first], altValue(f, s.Values[last]), x, f.Categories[last]))
		default:
			parts = append(parts, fmt.Sprintf("%s was %s in %s %s, peaked at %s in %s %s and was %s in %s %s", s.Name, altValue(f, s.Values[first]), x, f.Categories[first],
				altValue(f, s.Values[peak]), x, f.Categories[peak], altValue(f, s.Values[last]), x, f.Categories[last]))
		}
	}
	return fmt.Sprintf("Line chart of %s, %s by %s: %s.%s", lowerFirst(f.Title), altMeasure(f), x, joinSentences(parts), withheldNote(f))
}

// altMeasure names what the value axis shows, without nested brackets:
// "Share of learners (%)" becomes "share of learners in %".
func altMeasure(f *report.Figure) string {
	y := f.YLabel
	if u := unitWord(y); u != "" {
		y = strings.TrimSpace(y[:strings.Index(y, "(")]) + " in " + u
	}
	return lowerFirst(y)
}

// altValue formats a drawn value as the axis reads it: shares with one
// decimal and a per cent sign, counts as whole numbers.
func altValue(f *report.Figure, v float64) string {
	if unitWord(f.YLabel) == "%" {
		return formatPct(v)
	}
	return trimFloat(v)
}

// withheldNote says how many values a figure leaves out, so a screen
// reader user knows the picture is incomplete, as a sighted reader does.
func withheldNote(f *report.Figure) string {
	n := 0
	for _, s := range f.Series {
		for _, v := range s.Values {
			if math.IsNaN(v) {
				n++
			}
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return " One value is withheld or missing."
	}
	return fmt.Sprintf(" %d values are withheld or missing.", n)
}

// unitWord is the unit in an axis label's brackets, "%" of "Share (%)", or "".
func unitWord(ylabel string) string {
	if i := strings.Index(ylabel, "("); i >= 0 {
		return strings.Trim(ylabel[i:], "()")
	}
	return ""
}

// lowerFirst lower-cases the first byte of s, to continue a sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// joinSentences joins an alt text's clauses with semicolons; with none,
// it says no values could be shown.
func joinSentences(parts []string) string {
	if len(parts) == 0 {
		return "no values could be shown"
	}
	return strings.Join(parts, "; ")
}

// altFunnel reads the funnel out course by course, stage by stage after
// enrolled (which is always all of them), so a screen reader hears where
// each course loses its learners.
func altFunnel(f *report.Figure) string {
	var parts []string
	for _, s := range f.Series {
		var stages []string
		for i, v := range s.Values {
			if i == 0 {
				continue // enrolled: 100 %
			}
			text := formatPct(v)
			if math.IsNaN(v) {
				text = "withheld or not available"
			}
			stages = append(stages, strings.ToLower(f.Categories[i])+" "+text)
		}
		parts = append(parts, s.Name+": "+strings.Join(stages, ", "))
	}
	return fmt.Sprintf("Bar chart of the engagement funnel, each stage as a share of enrolled learners in %%. %s.", joinSentences(parts))
}

// altLikert describes a Likert figure item by item in the words of the
// summary table (agree: top two points, disagree: bottom two, as
// likertDefinition says), so a screen reader hears what a sighted reader
// sees at either side of the centre line.
func altLikert(f *report.Figure) string {
	n := len(f.Series)
	var parts []string
	for i, item := range f.Categories {
		sum := func(from, to int) (float64, bool) {
			t := 0.0
			for k := max(from, 0); k < min(to, n); k++ {
				v := f.Series[k].Values[i]
				if math.IsNaN(v) {
					return 0, false
				}
				t += v
			}
			return t, true
		}
		agree, okA := sum(n-2, n)
		disagree, okD := sum(0, 2)
		switch {
		case !okA && !okD:
			parts = append(parts, item+": withheld")
		default:
			say := func(v float64, ok bool, word string) string {
				if !ok {
					return word + " withheld"
				}
				return formatPct(v) + " " + word
			}
			parts = append(parts, fmt.Sprintf("%s: %s, %s", item, say(agree, okA, "agree"), say(disagree, okD, "disagree")))
		}
	}
	scale := ""
	if n > 0 {
		scale = fmt.Sprintf(", from %s on the left to %s on the right", f.Series[0].Name, f.Series[n-1].Name)
	}
	// The title starts with the course's name: it keeps its capitals.
	return fmt.Sprintf("Diverging bar chart, %s; %% of answers by item%s. %s.", f.Title, scale, joinSentences(parts))
}
