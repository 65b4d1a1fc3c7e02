package ec2

import "time"

// items is an EC2 list: <fooSet><item>…</item></fooSet>. As a struct it
// is written even when empty (<fooSet></fooSet>), as EC2 writes it.
type items[T any] struct {
	Item []T `xml:"item"`
}

func itemsOf[T any](v []T) items[T] { return items[T]{Item: v} }

// valueItem is an element of lists of plain values with a <value> field.
type valueItem struct {
	Value string `xml:"value"`
}

// attrBool is an AttributeBooleanValue: <x><value>true</value></x>.
type attrBool struct {
	Value bool `xml:"value"`
}

// returnResult is the answer of actions that return only <return>true</return>.
type returnResult struct {
	Return bool `xml:"return"`
}

var returnTrue = returnResult{Return: true}

// timestamp formats a time as EC2 does: UTC, milliseconds.
func timestamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}
