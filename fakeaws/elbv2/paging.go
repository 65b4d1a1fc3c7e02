package elbv2

import (
	"encoding/base64"
	"sort"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// page is the Marker and PageSize of a Describe request. The marker is
// the store key of the last item returned, base64-encoded.
type page struct {
	after string
	size  int
}

func readPage(p awsapi.Params) (page, error) {
	size, err := intIn(p, "PageSize", 1, maxPageSize, maxPageSize)
	if err != nil {
		return page{}, err
	}
	pg := page{size: size}
	if m := p.Get("Marker"); m != "" {
		raw, err := base64.RawURLEncoding.DecodeString(m)
		if err != nil || len(raw) == 0 {
			return page{}, awsapi.ValidationError("The marker '%s' is not valid", m)
		}
		pg.after = string(raw)
	}
	return pg, nil
}

// keyed is an item with its store key.
type keyed[T any] struct {
	key  string
	item T
}

// pageOf sorts items by key and returns the page after pg's marker, with
// the marker of the next page ("" on the last page).
func pageOf[T any](items []keyed[T], pg page) ([]T, string) {
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	i := 0
	if pg.after != "" {
		i = sort.Search(len(items), func(i int) bool { return items[i].key > pg.after })
	}
	rest := items[i:]
	next := ""
	if len(rest) > pg.size {
		rest = rest[:pg.size]
		next = base64.RawURLEncoding.EncodeToString([]byte(rest[len(rest)-1].key))
	}
	out := make([]T, len(rest))
	for i, k := range rest {
		out[i] = k.item
	}
	return out, next
}
