package fakeaws

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/sigv4"
)

// authenticate verifies r's signature and fills in the caller, or, with
// auth off, takes the caller from the access key when it is known.
func (s *Server) authenticate(r *http.Request, req *awsapi.Request, limit int64) error {
	proto := s.services[req.Service]
	p := awsapi.ProtocolQuery
	if proto != nil {
		p = proto.Protocol()
	}
	if !s.opts.auth {
		req.Caller = s.anonymous()
		if scope, ok := sigv4.ScopeOf(r); ok {
			if c, found, err := s.creds.Lookup(scope.AccessKey); err == nil && found {
				req.Caller = callerOf(c)
			}
		}
		req.Body, req.ContentLength, req.Trailer = sigv4.Unframe(r)
		return nil
	}
	// A body signed without x-amz-content-sha256 is hashed in memory: cap
	// that at the non-object limit, never at S3's object limit.
	res, err := s.verifier.Verify(r, min(limit, s.opts.maxBody))
	if err != nil {
		var se *sigv4.Error
		if errors.As(err, &se) {
			return authError(se, p)
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return awsapi.ErrBodyTooLarge
		}
		return err
	}
	req.Caller = callerOf(res.Cred)
	req.Body = res.Body
	req.ContentLength = res.ContentLength
	req.Trailer = res.Trailer
	return nil
}

func (s *Server) anonymous() awsapi.Caller {
	a := s.opts.defaultAccount
	return awsapi.Caller{Account: a, ARN: "arn:aws:iam::" + a + ":root", UserID: a}
}

func callerOf(c sigv4.Credential) awsapi.Caller {
	return awsapi.Caller{AccessKey: c.AccessKey, Account: c.Account, ARN: c.ARN, UserID: c.UserID}
}

const sigMismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

// authError maps a verification failure to the error code the service's
// protocol answers with: S3 has its own codes, the query services share
// theirs.
func authError(e *sigv4.Error, p awsapi.Protocol) *awsapi.Error {
	forbidden := func(code, msg string) *awsapi.Error { return awsapi.Errorf(http.StatusForbidden, code, "%s", msg) }
	if p == awsapi.ProtocolS3 {
		switch e.Kind {
		case sigv4.Missing:
			return forbidden("AccessDenied", "Access Denied")
		case sigv4.Malformed:
			if e.Query {
				return awsapi.BadRequest("AuthorizationQueryParametersError", "%s", e.Msg)
			}
			return awsapi.BadRequest("AuthorizationHeaderMalformed", "%s", e.Msg)
		case sigv4.UnknownKey:
			return forbidden("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")
		case sigv4.BadSignature:
			return forbidden("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
		case sigv4.Skewed:
			return forbidden("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.").
				With("RequestTime", e.RequestTime.UTC().Format(http.TimeFormat)).
				With("ServerTime", e.ServerTime.UTC().Format(time.RFC3339)).
				With("MaxAllowedSkewMilliseconds", strconv.Itoa(900000))
		case sigv4.Expired:
			return forbidden("AccessDenied", "Request has expired").
				With("X-Amz-Expires", strconv.Itoa(int(e.ExpiresIn/time.Second))).
				With("Expires", e.RequestTime.UTC().Format(time.RFC3339)).
				With("ServerTime", e.ServerTime.UTC().Format(time.RFC3339))
		case sigv4.BadToken:
			return awsapi.BadRequest("InvalidToken", "The provided token is malformed or otherwise invalid.")
		case sigv4.TokenExpired:
			return awsapi.BadRequest("ExpiredToken", "The provided token has expired.")
		case sigv4.PayloadMismatch:
			return awsapi.BadRequest("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.")
		}
	}
	switch e.Kind {
	case sigv4.Missing:
		return forbidden("MissingAuthenticationToken", "Request is missing Authentication Token")
	case sigv4.Malformed:
		return awsapi.BadRequest("IncompleteSignature", "%s", e.Msg)
	case sigv4.UnknownKey, sigv4.BadToken:
		return forbidden("InvalidClientTokenId", "The security token included in the request is invalid.")
	case sigv4.BadSignature:
		return forbidden("SignatureDoesNotMatch", sigMismatch)
	case sigv4.Skewed:
		return forbidden("SignatureDoesNotMatch", e.Msg)
	case sigv4.Expired:
		return forbidden("AccessDenied", "Request has expired")
	case sigv4.TokenExpired:
		return forbidden("ExpiredToken", "The security token included in the request is expired")
	case sigv4.PayloadMismatch:
		return awsapi.BadRequest("InvalidRequest", "%s", e.Msg)
	case sigv4.BadLength:
		return awsapi.BadRequest("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header")
	}
	return forbidden("AccessDenied", e.Msg)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
