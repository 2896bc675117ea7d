package report

// Interval is a confidence interval: its level (0.95 for 95 %) and its
// bounds, in the unit of the number it brackets (a pass rate's interval is
// in %, a correlation's in ρ).
type Interval struct {
	Level float64 `json:"level"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// TestResult is a statistical test's parts as numbers, at full precision,
// so a reader can reuse them (a meta-analysis, a power calculation)
// without parsing the APA text the Measure's Text holds.
//
// Optional numbers are pointers: absent when the test has none (Fisher's
// exact test has no statistic; an odds ratio with an empty cell is
// infinite, which JSON cannot write).
type TestResult struct {
	// Name is the test as the report names it ("Mann–Whitney U test").
	Name string `json:"name"`
	// Statistic names the test statistic as APA writes it ("U", "t",
	// "χ²", "z", "W", "ρ"); Value is its value.
	Statistic string   `json:"statistic,omitempty"`
	Value     *float64 `json:"value,omitempty"`
	// Z is the standardised statistic of a rank test, whose statistic is
	// a rank sum.
	Z *float64 `json:"z,omitempty"`
	// DF holds the degrees of freedom, one or two; Welch's are not whole.
	DF []float64 `json:"df,omitempty"`
	// P is the two-sided p-value; PHolm the Holm-adjusted one, within the
	// family the measure's definition names.
	P     float64  `json:"p"`
	PHolm *float64 `json:"p_holm,omitempty"`
	// Effect names the effect size ("r", "d", "dz", "V", "OR", "Δ", "ρ");
	// EffectValue is its value and EffectCI its interval where the report
	// computes one.
	Effect      string    `json:"effect,omitempty"`
	EffectValue *float64  `json:"effect_value,omitempty"`
	EffectCI    *Interval `json:"effect_ci,omitempty"`
	// N is the number of cases per group: two for independent groups, one
	// for paired data (the pairs) and correlations.
	N []int `json:"n"`
}
