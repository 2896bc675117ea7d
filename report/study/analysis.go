package study

// Activity configures what counts as activity and how weeks are formed.
// The zero value means the defaults documented in the README.
type Activity struct{}

// Comparison declares one comparison between two cohorts (a study course
// and its baseline, pre and post, …).
type Comparison struct{}

// validateAnalysis checks the activity and comparison settings.
func (s *Study) validateAnalysis() []error { return nil }
