// Package funclen checks that the project's functions fit on a screen: no
// function in production code is longer than 80 lines. Tests, generated
// code and the example-data generator are left out, as the house style
// says; so, for now, are the packages listed in pending.
//
// The check is its test, TestFunctionLength, which also logs the longest
// function it checked.
package funclen
