package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// rawPath is the request's path exactly as sent on the wire.
func rawPath(r *http.Request) string {
	p := r.RequestURI
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		// absolute-form request target (proxies)
		if u, err := url.Parse(p); err == nil {
			p = u.EscapedPath()
		}
	}
	if p == "" {
		p = r.URL.EscapedPath()
	}
	if p == "" {
		p = "/"
	}
	return p
}

// escape URI-encodes s as SigV4 requires: every byte but the unreserved
// characters, and '/' too unless keepSlash.
func escape(s string, keepSlash bool) string {
	const hexd = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') ||
			c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexd[c>>4])
		b.WriteByte(hexd[c&15])
	}
	return b.String()
}

// canonicalQuery sorts and encodes the query string, leaving out
// X-Amz-Signature (presigned requests).
func canonicalQuery(raw string) string {
	type kv struct{ k, v string }
	var pairs []kv
	for _, part := range strings.Split(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		if dk == "X-Amz-Signature" {
			continue
		}
		pairs = append(pairs, kv{escape(dk, false), escape(dv, false)})
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.k + "=" + p.v
	}
	return strings.Join(parts, "&")
}

// canonicalHeaders builds the canonical header block for the signed
// header names.
func canonicalHeaders(r *http.Request, signed []string) string {
	var b strings.Builder
	for _, name := range signed {
		var val string
		switch name {
		case "host":
			val = r.Host
		case "content-length":
			val = r.Header.Get("Content-Length")
			if val == "" && r.ContentLength >= 0 {
				val = strconv.FormatInt(r.ContentLength, 10)
			}
		case "transfer-encoding":
			val = strings.Join(r.TransferEncoding, ",")
		default:
			vals := r.Header.Values(name)
			trimmed := make([]string, len(vals))
			for i, v := range vals {
				trimmed[i] = collapseSpaces(v)
			}
			val = strings.Join(trimmed, ",")
		}
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(collapseSpaces(val))
		b.WriteByte('\n')
	}
	return b.String()
}

func collapseSpaces(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func canonicalRequest(method, uri, query, headers string, signed []string, payloadHash string) string {
	return method + "\n" + uri + "\n" + query + "\n" + headers + "\n" + strings.Join(signed, ";") + "\n" + payloadHash
}

func stringToSign(amzDate string, scope Scope, canonical string) string {
	return algorithm + "\n" + amzDate + "\n" + scope.String() + "\n" + hashHex([]byte(canonical))
}

func hashHex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// signingKey derives the key for a scope from the secret.
func signingKey(secret string, scope Scope) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), scope.Date)
	k = hmacSHA256(k, scope.Region)
	k = hmacSHA256(k, scope.Service)
	return hmacSHA256(k, "aws4_request")
}

func signature(key []byte, toSign string) string {
	return hex.EncodeToString(hmacSHA256(key, toSign))
}
