package sigv4

import (
	"net/http"
	"strings"
)

const (
	algorithm     = "AWS4-HMAC-SHA256"
	timeFormat    = "20060102T150405Z"
	dateFormat    = "20060102"
	emptySHA256   = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	unsignedBody  = "UNSIGNED-PAYLOAD"
	streamSigned  = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	streamSignedT = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	streamUnsignT = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
)

// Scope is the credential scope of a signed request:
// Credential=AKID/20261123/us-east-1/s3/aws4_request.
type Scope struct {
	AccessKey string
	Date      string
	Region    string
	Service   string
}

func (s Scope) String() string {
	return s.Date + "/" + s.Region + "/" + s.Service + "/aws4_request"
}

// parseCredential parses "AKID/date/region/service/aws4_request".
func parseCredential(c string) (Scope, bool) {
	parts := strings.Split(c, "/")
	if len(parts) != 5 || parts[4] != "aws4_request" || parts[0] == "" {
		return Scope{}, false
	}
	return Scope{AccessKey: parts[0], Date: parts[1], Region: parts[2], Service: parts[3]}, true
}

// authHeader is a parsed Authorization header.
type authHeader struct {
	scope         Scope
	signedHeaders []string
	signature     string
}

func parseAuthorization(h string) (authHeader, bool) {
	rest, ok := strings.CutPrefix(h, algorithm+" ")
	if !ok {
		return authHeader{}, false
	}
	var a authHeader
	var haveCred, haveSH, haveSig bool
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return authHeader{}, false
		}
		switch k {
		case "Credential":
			a.scope, haveCred = parseCredential(v)
		case "SignedHeaders":
			a.signedHeaders, haveSH = strings.Split(v, ";"), v != ""
		case "Signature":
			a.signature, haveSig = v, v != ""
		}
	}
	return a, haveCred && haveSH && haveSig
}

// ScopeOf returns the credential scope a request is signed with, from the
// Authorization header or a presigned URL's X-Amz-Credential, for routing.
// ok is false for requests that carry no SigV4 signature.
func ScopeOf(r *http.Request) (Scope, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		a, ok := parseAuthorization(h)
		if !ok {
			// Still route by the credential if it can be found.
			if i := strings.Index(h, "Credential="); i >= 0 {
				c := h[i+len("Credential="):]
				if j := strings.IndexAny(c, ", "); j >= 0 {
					c = c[:j]
				}
				return parseCredential(c)
			}
			return Scope{}, false
		}
		return a.scope, true
	}
	if c := r.URL.Query().Get("X-Amz-Credential"); c != "" {
		return parseCredential(c)
	}
	return Scope{}, false
}
