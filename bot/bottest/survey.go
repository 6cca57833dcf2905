package bottest

import "strconv"

// NineAnswers is a survey response's answers to the regulation's nine
// unsur (U1…U9), all equal to a.
func NineAnswers(a int) map[string]int {
	m := map[string]int{}
	for i := 1; i <= 9; i++ {
		m["U"+strconv.Itoa(i)] = a
	}
	return m
}
