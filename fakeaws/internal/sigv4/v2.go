package sigv4

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// S3 still accepts Signature Version 2 in the regions that predate SigV4,
// and the AWS CLI v1 signs `aws s3 presign` URLs with it
// (AWSAccessKeyId, Expires, Signature), so the verifier accepts it too,
// for S3 only: the string to sign is S3's, and routing sends these
// requests, which name no service, to S3.

// subresources are the query parameters that S3's SigV2 canonical
// resource includes.
var subresources = map[string]bool{
	"acl": true, "cors": true, "delete": true, "lifecycle": true, "location": true,
	"logging": true, "notification": true, "partNumber": true, "policy": true,
	"requestPayment": true, "restore": true, "tagging": true, "torrent": true,
	"uploadId": true, "uploads": true, "versionId": true, "versioning": true,
	"versions": true, "website": true, "encryption": true, "ownershipControls": true,
	"publicAccessBlock": true, "replication": true, "object-lock": true, "accelerate": true,
	"response-cache-control": true, "response-content-disposition": true,
	"response-content-encoding": true, "response-content-language": true,
	"response-content-type": true, "response-expires": true,
}

// isV2 reports whether r carries SigV2 query or header authentication.
func isV2(r *http.Request) bool {
	if h := r.Header.Get("Authorization"); h != "" {
		return strings.HasPrefix(h, "AWS ") && !strings.HasPrefix(h, algorithm)
	}
	q := r.URL.Query()
	return q.Get("AWSAccessKeyId") != "" && q.Get("Signature") != ""
}

func (v *Verifier) verifyV2(r *http.Request) (*Result, error) {
	q := r.URL.Query()
	var accessKey, sig, dateLine string
	now := v.now()
	if h := r.Header.Get("Authorization"); h != "" {
		cred, ok := strings.CutPrefix(h, "AWS ")
		ak, s, ok2 := strings.Cut(cred, ":")
		if !ok || !ok2 || ak == "" || s == "" {
			return nil, fail(Malformed, "Authorization header is invalid -- one and only one ' ' (space) required")
		}
		accessKey, sig = ak, s
		var reqTime time.Time
		var err error
		if d := r.Header.Get("X-Amz-Date"); d != "" {
			reqTime, err = parseHTTPDate(d)
		} else {
			dateLine = r.Header.Get("Date")
			reqTime, err = parseHTTPDate(dateLine)
		}
		if err != nil {
			return nil, fail(Malformed, "AWS authentication requires a valid Date or x-amz-date header")
		}
		if d := now.Sub(reqTime); d > v.maxSkew() || d < -v.maxSkew() {
			e := fail(Skewed, "The difference between the request time and the current time is too large.")
			e.RequestTime, e.ServerTime = reqTime, now
			return nil, e
		}
	} else {
		accessKey, sig, dateLine = q.Get("AWSAccessKeyId"), q.Get("Signature"), q.Get("Expires")
		exp, err := strconv.ParseInt(dateLine, 10, 64)
		if err != nil {
			return nil, failQuery("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
		}
		if expires := time.Unix(exp, 0); now.After(expires) {
			e := fail(Expired, "Request has expired")
			e.RequestTime, e.ServerTime = expires, now
			return nil, e
		}
	}
	cred, err := v.lookup(Scope{AccessKey: accessKey})
	if err != nil {
		return nil, err
	}
	token := r.Header.Get("X-Amz-Security-Token")
	if token == "" {
		token = q.Get("x-amz-security-token")
	}
	if err := checkToken(cred, token, now); err != nil {
		return nil, err
	}
	toSign := r.Method + "\n" + r.Header.Get("Content-MD5") + "\n" + r.Header.Get("Content-Type") + "\n" +
		dateLine + "\n" + amzHeadersV2(r) + canonicalResourceV2(r)
	m := hmac.New(sha1.New, []byte(cred.Secret))
	m.Write([]byte(toSign))
	want := base64.StdEncoding.EncodeToString(m.Sum(nil))
	if subtle.ConstantTimeCompare([]byte(want), []byte(sig)) != 1 {
		return nil, fail(BadSignature, "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	}
	return &Result{Cred: cred, Scope: Scope{AccessKey: accessKey, Service: "s3"}, Body: r.Body, ContentLength: r.ContentLength}, nil
}

// amzHeadersV2 is the canonical block of x-amz-* headers (and, for query
// authentication, x-amz-* query parameters).
func amzHeadersV2(r *http.Request) string {
	vals := map[string][]string{}
	for k, vs := range r.Header {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "x-amz-") {
			vals[lk] = append(vals[lk], vs...)
		}
	}
	if r.Header.Get("Authorization") == "" {
		for k, vs := range r.URL.Query() {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "x-amz-") {
				vals[lk] = append(vals[lk], vs...)
			}
		}
	}
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		trimmed := make([]string, len(vals[n]))
		for i, v := range vals[n] {
			trimmed[i] = collapseSpaces(v)
		}
		b.WriteString(n + ":" + strings.Join(trimmed, ",") + "\n")
	}
	return b.String()
}

// canonicalResourceV2 is the path as sent plus the signed subresources.
// Virtual-host-style requests are signed with the bucket first; fakeaws is
// addressed path-style by clients that use SigV2 (the CLI with an endpoint
// URL), so the path is taken as it is.
func canonicalResourceV2(r *http.Request) string {
	res := rawPath(r)
	q := r.URL.Query()
	var keys []string
	for k := range q {
		if subresources[k] {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return res
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k
		if v := q.Get(k); v != "" {
			parts[i] += "=" + v
		}
	}
	return res + "?" + strings.Join(parts, "&")
}

// parseHTTPDate parses the date formats SigV2 clients send: HTTP's, and
// RFC 1123 with a numeric zone.
func parseHTTPDate(s string) (time.Time, error) {
	if t, err := http.ParseTime(s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC1123Z, s)
}
