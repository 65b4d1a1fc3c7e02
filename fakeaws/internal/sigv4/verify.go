package sigv4

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Credential is a key pair known to the server and the principal it
// stands for.
type Credential struct {
	AccessKey    string
	Secret       string
	SessionToken string // set for temporary (STS) credentials
	Account      string
	ARN          string
	UserID       string
	Expires      time.Time // zero for long-term keys
}

// Lookup finds the credential for an access key.
type Lookup func(accessKey string) (Credential, bool, error)

// Kind classifies a verification failure; the caller turns it into the
// service's own error code.
type Kind int

const (
	// Missing: the request is not signed at all.
	Missing Kind = iota
	// Malformed: the Authorization header or presigned parameters are
	// incomplete or unparsable.
	Malformed
	// UnknownKey: no such access key.
	UnknownKey
	// BadSignature: the signature does not match.
	BadSignature
	// Skewed: the request time is more than MaxSkew from the server's.
	Skewed
	// Expired: a presigned URL past its X-Amz-Expires.
	Expired
	// BadToken: a missing, wrong or unexpected session token.
	BadToken
	// TokenExpired: temporary credentials past their expiry.
	TokenExpired
	// PayloadMismatch: the body does not hash to x-amz-content-sha256.
	PayloadMismatch
	// BadLength: an aws-chunked body holds other than its declared
	// x-amz-decoded-content-length.
	BadLength
)

// Error is a verification failure.
type Error struct {
	Kind Kind
	Msg  string
	// RequestTime and ServerTime are set for Skewed and Expired.
	RequestTime, ServerTime time.Time
	// Query is set when the failure is in a presigned URL's parameters
	// rather than in an Authorization header.
	Query bool
	// ExpiresIn is a presigned URL's X-Amz-Expires, set for Expired.
	ExpiresIn time.Duration
}

func (e *Error) Error() string { return e.Msg }

// failQuery is a Malformed failure in a presigned URL's parameters.
func failQuery(format string, args ...any) *Error {
	e := fail(Malformed, format, args...)
	e.Query = true
	return e
}

func fail(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// Verifier checks SigV4 signatures.
type Verifier struct {
	Lookup  Lookup
	Now     func() time.Time
	MaxSkew time.Duration // default 15 minutes
}

// Result is a verified request.
type Result struct {
	Cred  Credential
	Scope Scope
	// Body yields the payload, unframed if it was aws-chunked; reading it
	// fails with *Error (BadSignature, PayloadMismatch) when a chunk
	// signature or the payload hash turns out wrong.
	Body io.Reader
	// ContentLength is the decoded payload length, -1 if unknown.
	ContentLength int64
	// Trailer holds an aws-chunked body's trailing headers (checksums),
	// filled in once Body has been read to the end.
	Trailer http.Header
}

// Verify authenticates r. Bodies of requests signed with a payload hash
// but no x-amz-content-sha256 header (the query protocols) are read into
// memory up to maxBody bytes to be hashed.
func (v *Verifier) Verify(r *http.Request, maxBody int64) (*Result, error) {
	if isV2(r) {
		return v.verifyV2(r)
	}
	if h := r.Header.Get("Authorization"); h != "" {
		return v.verifyHeader(r, h, maxBody)
	}
	if r.URL.Query().Get("X-Amz-Signature") != "" || r.URL.Query().Get("X-Amz-Credential") != "" {
		return v.verifyPresigned(r, maxBody)
	}
	return nil, fail(Missing, "Request is missing Authentication Token")
}

func (v *Verifier) now() time.Time {
	if v.Now != nil {
		return v.Now()
	}
	return time.Now()
}

func (v *Verifier) maxSkew() time.Duration {
	if v.MaxSkew > 0 {
		return v.MaxSkew
	}
	return 15 * time.Minute
}

func (v *Verifier) lookup(scope Scope) (Credential, error) {
	cred, ok, err := v.Lookup(scope.AccessKey)
	if err != nil {
		return Credential{}, err
	}
	if !ok {
		return Credential{}, fail(UnknownKey, "The AWS Access Key Id you provided does not exist in our records.")
	}
	return cred, nil
}

func checkToken(cred Credential, token string, now time.Time) error {
	if cred.SessionToken == "" {
		if token != "" {
			return fail(BadToken, "The security token included in the request is invalid.")
		}
		return nil
	}
	if token != cred.SessionToken {
		return fail(BadToken, "The security token included in the request is invalid.")
	}
	if !cred.Expires.IsZero() && !now.Before(cred.Expires) {
		return fail(TokenExpired, "The security token included in the request is expired")
	}
	return nil
}

func (v *Verifier) verifyHeader(r *http.Request, h string, maxBody int64) (*Result, error) {
	auth, ok := parseAuthorization(h)
	if !ok {
		return nil, fail(Malformed, "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=%s", h)
	}
	amzDate := r.Header.Get("X-Amz-Date")
	var reqTime time.Time
	var err error
	if amzDate != "" {
		reqTime, err = time.Parse(timeFormat, amzDate)
	} else if d := r.Header.Get("Date"); d != "" {
		reqTime, err = http.ParseTime(d)
		amzDate = reqTime.UTC().Format(timeFormat)
	} else {
		return nil, fail(Malformed, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
	}
	if err != nil {
		return nil, fail(Malformed, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
	}
	if !strings.HasPrefix(amzDate, auth.scope.Date) {
		return nil, fail(BadSignature, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s'", auth.scope.Date, amzDate[:min(8, len(amzDate))])
	}
	cred, err := v.lookup(auth.scope)
	if err != nil {
		return nil, err
	}
	now := v.now()
	if d := now.Sub(reqTime); d > v.maxSkew() || d < -v.maxSkew() {
		e := fail(Skewed, "Signature expired: %s is now earlier than %s (%s - 15 min.)", amzDate, now.Add(-v.maxSkew()).UTC().Format(timeFormat), now.UTC().Format(timeFormat))
		if d < 0 {
			e.Msg = fmt.Sprintf("Signature not yet current: %s is still later than %s (%s + 15 min.)", amzDate, now.Add(v.maxSkew()).UTC().Format(timeFormat), now.UTC().Format(timeFormat))
		}
		e.RequestTime, e.ServerTime = reqTime, now
		return nil, e
	}
	if err := checkToken(cred, r.Header.Get("X-Amz-Security-Token"), now); err != nil {
		return nil, err
	}

	payload := r.Header.Get("X-Amz-Content-Sha256")
	var body io.Reader = r.Body
	length := r.ContentLength
	var buffered []byte
	if payload == "" {
		// Query protocols sign the body's hash without sending it.
		buffered, err = io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			return nil, err
		}
		if int64(len(buffered)) > maxBody {
			return nil, &http.MaxBytesError{Limit: maxBody}
		}
		payload = hashHex(buffered)
		body = bytes.NewReader(buffered)
		length = int64(len(buffered))
	}

	key := signingKey(cred.Secret, auth.scope)
	want := ""
	matched := false
	for _, uri := range candidateURIs(r, auth.scope.Service) {
		canon := canonicalRequest(r.Method, uri, canonicalQuery(r.URL.RawQuery), canonicalHeaders(r, auth.signedHeaders), auth.signedHeaders, payload)
		want = signature(key, stringToSign(amzDate, auth.scope, canon))
		if subtle.ConstantTimeCompare([]byte(want), []byte(auth.signature)) == 1 {
			matched = true
			break
		}
	}
	if !matched {
		return nil, fail(BadSignature, "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	}

	res := &Result{Cred: cred, Scope: auth.scope, Body: body, ContentLength: length}
	switch payload {
	case unsignedBody:
	case streamSigned, streamSignedT, streamUnsignT:
		cr := newChunkReader(r.Body, payload, key, amzDate, auth.scope, auth.signature, decodedLength(r))
		res.Body, res.Trailer = cr, cr.Trailers
		res.ContentLength = decodedLength(r)
	default:
		if buffered == nil {
			if len(payload) != 64 {
				return nil, fail(PayloadMismatch, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, or a valid sha256 value.")
			}
			res.Body = &hashCheckReader{r: r.Body, h: sha256.New(), want: payload}
		}
	}
	return res, nil
}

func decodedLength(r *http.Request) int64 {
	if s := r.Header.Get("X-Amz-Decoded-Content-Length"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n
		}
	}
	return -1
}

// candidateURIs are the canonical URIs a client may have signed: S3 signs
// the path as sent; other services escape it once more.
func candidateURIs(r *http.Request, service string) []string {
	raw := rawPath(r)
	if service == "s3" {
		alt := escape(r.URL.Path, true)
		if alt != raw {
			return []string{raw, alt}
		}
		return []string{raw}
	}
	return []string{escape(raw, true)}
}

func (v *Verifier) verifyPresigned(r *http.Request, maxBody int64) (*Result, error) {
	q := r.URL.Query()
	if q.Get("X-Amz-Algorithm") != algorithm {
		return nil, failQuery("X-Amz-Algorithm only supports \"%s\"", algorithm)
	}
	scope, ok := parseCredential(q.Get("X-Amz-Credential"))
	sig := q.Get("X-Amz-Signature")
	signedHeaders := q.Get("X-Amz-SignedHeaders")
	amzDate := q.Get("X-Amz-Date")
	if !ok || sig == "" || signedHeaders == "" || amzDate == "" {
		return nil, failQuery("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")
	}
	reqTime, err := time.Parse(timeFormat, amzDate)
	if err != nil {
		return nil, failQuery("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
	}
	// S3 requires X-Amz-Expires; the other services default it to the
	// allowed clock skew (the SDK presigns STS GetCallerIdentity without it).
	expires := int(v.maxSkew() / time.Second)
	if s := q.Get("X-Amz-Expires"); s != "" || scope.Service == "s3" {
		expires, err = strconv.Atoi(s)
		if err != nil || expires < 0 || expires > 604800 {
			return nil, failQuery("X-Amz-Expires must be a number of seconds between 0 and 604800 (seven days)")
		}
	}
	cred, err := v.lookup(scope)
	if err != nil {
		return nil, err
	}
	now := v.now()
	if now.After(reqTime.Add(time.Duration(expires) * time.Second)) {
		e := fail(Expired, "Request has expired")
		e.RequestTime, e.ServerTime = reqTime.Add(time.Duration(expires)*time.Second), now
		e.ExpiresIn = time.Duration(expires) * time.Second
		return nil, e
	}
	if reqTime.Sub(now) > v.maxSkew() {
		e := fail(Skewed, "Request is not yet valid")
		e.RequestTime, e.ServerTime = reqTime, now
		return nil, e
	}
	if err := checkToken(cred, q.Get("X-Amz-Security-Token"), now); err != nil {
		return nil, err
	}
	signed := strings.Split(signedHeaders, ";")
	key := signingKey(cred.Secret, scope)
	payloads := []string{q.Get("X-Amz-Content-Sha256")}
	if payloads[0] == "" {
		payloads = []string{unsignedBody, emptySHA256}
	}
	for _, uri := range candidateURIs(r, scope.Service) {
		for _, p := range payloads {
			canon := canonicalRequest(r.Method, uri, canonicalQuery(r.URL.RawQuery), canonicalHeaders(r, signed), signed, p)
			if subtle.ConstantTimeCompare([]byte(signature(key, stringToSign(amzDate, scope, canon))), []byte(sig)) == 1 {
				return &Result{Cred: cred, Scope: scope, Body: r.Body, ContentLength: r.ContentLength}, nil
			}
		}
	}
	return nil, fail(BadSignature, "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
}

// hashCheckReader passes the body through and fails at EOF if it does not
// hash to the signed x-amz-content-sha256.
type hashCheckReader struct {
	r    io.Reader
	h    hash.Hash
	want string
}

func (c *hashCheckReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.h.Write(p[:n])
	if err == io.EOF {
		if got := hex.EncodeToString(c.h.Sum(nil)); got != c.want {
			return n, fail(PayloadMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.")
		}
	}
	return n, err
}
