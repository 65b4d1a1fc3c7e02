package ec2

import (
	"encoding/base64"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// page is the part of a Describe call that pages: at most max items
// (0: all) after the key a NextToken carried.
type page struct {
	max   int
	after string
}

// pageLimits are an operation's bounds of MaxResults.
type pageLimits struct {
	min, max int
	// idsParam names the list of IDs that EC2 refuses together with
	// MaxResults (networkInterfaceIdSet), "" when it accepts both.
	idsParam string
}

var (
	limits1000 = pageLimits{min: 5, max: 1000}
	limits100  = pageLimits{min: 5, max: 100}
)

// parsePage reads MaxResults and NextToken.
func parsePage(p awsapi.Params, lim pageLimits, ids []string) (page, error) {
	var pg page
	if v := p.Get("MaxResults"); v != "" {
		n, ok := atoi(v)
		if !ok {
			return pg, invalidParameterValue("Value ( %s ) for parameter maxResults is invalid. Expected a number.", v)
		}
		if n < lim.min {
			return pg, invalidParameterValue("Value ( %d ) for parameter maxResults is invalid. Expecting a value greater than %d.", n, lim.min)
		}
		if n > lim.max {
			return pg, invalidParameterValue("Value ( %d ) for parameter maxResults is invalid. Expecting a value less than %d.", n, lim.max)
		}
		if lim.idsParam != "" && len(ids) > 0 {
			return pg, invalidParameterCombination("The parameter %s cannot be used with the parameter maxResults", lim.idsParam)
		}
		pg.max = n
	}
	if tok := p.Get("NextToken"); tok != "" {
		after, err := decodeToken(tok)
		if err != nil {
			return pg, err
		}
		pg.after = after
	}
	return pg, nil
}

const tokenPrefix = "ec2:"

// encodeToken makes the opaque NextToken that resumes after key.
func encodeToken(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(tokenPrefix + key))
}

func decodeToken(tok string) (string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || !strings.HasPrefix(string(raw), tokenPrefix) || len(raw) == len(tokenPrefix) {
		return "", awsapi.BadRequest("InvalidPaginationToken", "The specified pagination token is not valid or is expired.")
	}
	return string(raw[len(tokenPrefix):]), nil
}

// pageOf cuts one page out of items already sorted by key and past the
// page's start.
func pageOf[E any](items []E, pg page, key func(E) string) ([]E, string, error) {
	if pg.max == 0 || len(items) <= pg.max {
		return items, "", nil
	}
	items = items[:pg.max]
	return items, encodeToken(key(items[len(items)-1])), nil
}

// pageSorted pages a static catalogue sorted by key.
func pageSorted[E any](items []E, pg page, key func(E) string) ([]E, string, error) {
	start := 0
	if pg.after != "" {
		for start < len(items) && key(items[start]) <= pg.after {
			start++
		}
	}
	return pageOf(items[start:], pg, key)
}
