package s3

import (
	"net/http"
	"strings"
	"time"
)

// etagMatches reports whether an If-Match / If-None-Match list names
// etag. Quotes and weak prefixes are ignored, as S3 does.
func etagMatches(list, etag string) bool {
	want := strings.Trim(etag, `"`)
	for _, v := range strings.Split(list, ",") {
		v = strings.TrimSpace(v)
		v = strings.TrimPrefix(v, "W/")
		if v == "*" || strings.Trim(v, `"`) == want {
			return true
		}
	}
	return false
}

// writeCondition is a conditional write: If-None-Match: * (create only)
// or If-Match: ETAG (replace only that version).
type writeCondition struct {
	ifMatch, ifNoneMatch string
}

func (c writeCondition) set() bool { return c.ifMatch != "" || c.ifNoneMatch != "" }

// header names the condition, for errors.
func (c writeCondition) header() string {
	if c.ifMatch != "" {
		return "If-Match"
	}
	return "If-None-Match"
}

// parseWriteCondition reads the conditional-write headers, refusing what
// S3 refuses.
func parseWriteCondition(h http.Header) (writeCondition, error) {
	c := writeCondition{ifMatch: strings.TrimSpace(h.Get("If-Match")), ifNoneMatch: strings.TrimSpace(h.Get("If-None-Match"))}
	switch {
	case c.ifMatch != "" && c.ifNoneMatch != "":
		return c, errNotImplementedHeader("If-Match,If-None-Match", "Multiple conditional request headers present in the request")
	case c.ifNoneMatch != "" && c.ifNoneMatch != "*":
		return c, errNotImplementedHeader("If-None-Match", "We don't accept the provided value of If-None-Match header for this API")
	case c.ifMatch == "*":
		return c, errNotImplementedHeader("If-Match", "We don't accept the provided value of If-Match header for this API")
	}
	return c, nil
}

// check evaluates the condition against the key's current version (nil
// when there is none or it is a delete marker).
func (c writeCondition) check(key string, current *object) error {
	switch {
	case c.ifNoneMatch != "":
		if current != nil {
			return errPrecondition("If-None-Match")
		}
	case c.ifMatch != "":
		if current == nil {
			return errNoSuchKey(key)
		}
		if !etagMatches(c.ifMatch, current.ETag) {
			return errPrecondition("If-Match")
		}
	}
	return nil
}

// readCondition is the outcome of GET/HEAD conditional headers.
type readCondition int

const (
	readOK readCondition = iota
	readNotModified
)

// checkReadConditions applies If-Match, If-Unmodified-Since, If-None-Match
// and If-Modified-Since to obj (RFC 7232 precedence, as S3 does).
func checkReadConditions(h http.Header, obj *object, now time.Time) (readCondition, error) {
	mtime := obj.LastModified
	if im := h.Get("If-Match"); im != "" {
		if !etagMatches(im, obj.ETag) {
			return readOK, errPrecondition("If-Match")
		}
	} else if ius, ok := httpDate(h.Get("If-Unmodified-Since")); ok && mtime.After(ius) {
		return readOK, errPrecondition("If-Unmodified-Since")
	}
	if inm := h.Get("If-None-Match"); inm != "" {
		if etagMatches(inm, obj.ETag) {
			return readNotModified, nil
		}
	} else if ims, ok := httpDate(h.Get("If-Modified-Since")); ok && !ims.After(now) && !mtime.After(ims) {
		return readNotModified, nil
	}
	return readOK, nil
}

// checkCopySource applies the x-amz-copy-source-if-* headers to the
// source of a copy; every failure is 412 naming the header.
func checkCopySource(h http.Header, src *object, now time.Time) error {
	mtime := src.LastModified
	im := h.Get("X-Amz-Copy-Source-If-Match")
	if im != "" && !etagMatches(im, src.ETag) {
		return errPrecondition("x-amz-copy-source-If-Match")
	}
	if ius, ok := httpDate(h.Get("X-Amz-Copy-Source-If-Unmodified-Since")); ok && im == "" && mtime.After(ius) {
		return errPrecondition("x-amz-copy-source-If-Unmodified-Since")
	}
	inm := h.Get("X-Amz-Copy-Source-If-None-Match")
	if inm != "" && etagMatches(inm, src.ETag) {
		return errPrecondition("x-amz-copy-source-If-None-Match")
	}
	if ims, ok := httpDate(h.Get("X-Amz-Copy-Source-If-Modified-Since")); ok && inm == "" && !ims.After(now) && !mtime.After(ims) {
		return errPrecondition("x-amz-copy-source-If-Modified-Since")
	}
	return nil
}

// httpDate parses an HTTP date header; ok is false when absent or
// unparsable (S3 ignores such conditions).
func httpDate(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, false
	}
	t, err := http.ParseTime(v)
	if err != nil {
		if t, err = time.Parse(time.RFC3339, v); err != nil {
			return time.Time{}, false
		}
	}
	return t, true
}
