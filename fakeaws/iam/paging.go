package iam

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// page is the Marker/MaxItems of a List request.
type page struct {
	marker string
	max    int
}

// page reads Marker and MaxItems (1 to 1000, 100 by default).
func (v *validator) page() page {
	return page{
		marker: v.str("Marker", 1, 320, nil, ""),
		max:    v.intRange("MaxItems", 1, 1000, 100),
	}
}

// pageResult is the end of every List result.
type pageResult struct {
	IsTruncated bool   `xml:"IsTruncated"`
	Marker      string `xml:"Marker,omitempty"`
}

// scanPage reads, in key order, up to pg.max values under prefix that come
// after the page's marker and that keep accepts (all when keep is nil).
// The marker of the next page is the last returned key less prefix.
func scanPage[T any](b *store.Bucket, prefix string, pg page, keep func(T) bool) ([]T, pageResult, error) {
	after := ""
	if pg.marker != "" {
		after = prefix + pg.marker
	}
	var (
		items []T
		last  string
		res   pageResult
	)
	err := b.Scan(prefix, after, func(k string, raw []byte) (bool, error) {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return false, fmt.Errorf("iam: decode %q: %w", k, err)
		}
		if keep != nil && !keep(v) {
			return true, nil
		}
		if len(items) == pg.max {
			res.IsTruncated = true
			return false, nil
		}
		items = append(items, v)
		last = k
		return true, nil
	})
	if err != nil {
		return nil, pageResult{}, err
	}
	if res.IsTruncated {
		res.Marker = strings.TrimPrefix(last, prefix)
	}
	return items, res, nil
}

// tagPage pages through tags sorted by key; the marker is the last key.
func tagPage(tags []tag, pg page) ([]tag, pageResult) {
	sorted := append([]tag(nil), tags...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	i := 0
	if pg.marker != "" {
		i = sort.Search(len(sorted), func(i int) bool { return sorted[i].Key > pg.marker })
	}
	rest := sorted[i:]
	if len(rest) <= pg.max {
		return rest, pageResult{}
	}
	out := rest[:pg.max]
	return out, pageResult{IsTruncated: true, Marker: out[len(out)-1].Key}
}
