package s3

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"net/http"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// Checksum types of an object's checksum.
const (
	checksumFullObject = "FULL_OBJECT"
	checksumComposite  = "COMPOSITE"
)

// defaultAlgorithm is what AWS computes for objects uploaded without a
// checksum.
const defaultAlgorithm = "CRC64NVME"

// checksum is an object's (or part's) additional checksum.
type checksum struct {
	Algorithm string `json:"alg,omitempty"`
	Type      string `json:"type,omitempty"`
	Value     string `json:"v,omitempty"` // base64; composite values end in -N
}

type algorithm struct {
	name string
	size int
	new  func() hash.Hash
	crc  *crcSpec // nil for digests that cannot be combined
}

var algorithms = map[string]algorithm{
	"CRC32":     {"CRC32", 4, func() hash.Hash { return crc32.NewIEEE() }, &crc32Spec},
	"CRC32C":    {"CRC32C", 4, func() hash.Hash { return crc32.New(crc32cTable) }, &crc32cSpec},
	"CRC64NVME": {"CRC64NVME", 8, func() hash.Hash { return crc64.New(crc64NVMETable) }, &crc64NVMESpec},
	"SHA1":      {"SHA1", sha1.Size, sha1.New, nil},
	"SHA256":    {"SHA256", sha256.Size, sha256.New, nil},
	"SHA512":    {"SHA512", sha512.Size, sha512.New, nil},
	"MD5":       {"MD5", md5.Size, md5.New, nil},
}

// checksumHeader is the header carrying an algorithm's value.
func checksumHeader(alg string) string { return "x-amz-checksum-" + strings.ToLower(alg) }

// unsupportedChecksums are checksum headers AWS knows and fakeaws does not.
var unsupportedChecksums = []string{"x-amz-checksum-xxhash64", "x-amz-checksum-xxhash3", "x-amz-checksum-xxhash128"}

func lookupAlgorithm(name string) (algorithm, bool) {
	a, ok := algorithms[strings.ToUpper(name)]
	return a, ok
}

// checksumRequest is the checksum a body upload asks for.
type checksumRequest struct {
	Algorithm string // what to compute; never empty
	Expected  string // base64 value to verify, from a header
	Trailer   string // header name of a value that arrives as a trailer
}

// parseChecksumRequest reads the x-amz-checksum-*, x-amz-sdk-checksum-algorithm
// and x-amz-trailer headers of an upload. fallback is the algorithm to
// compute when the request names none.
func parseChecksumRequest(h http.Header, fallback string) (checksumRequest, error) {
	for _, name := range unsupportedChecksums {
		if h.Get(name) != "" {
			return checksumRequest{}, errNotImplementedHeader(name, "fakeaws does not compute XXHASH checksums")
		}
	}
	var req checksumRequest
	for name := range algorithms {
		v := h.Get(checksumHeader(name))
		if v == "" {
			continue
		}
		if req.Algorithm != "" {
			return req, ErrInvalidRequest.Msg("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
		}
		if raw, err := base64.StdEncoding.DecodeString(v); err != nil || len(raw) != algorithms[name].size {
			return req, ErrInvalidRequest.Msg("Value for " + checksumHeader(name) + " header is invalid.")
		}
		req.Algorithm, req.Expected = name, v
	}
	sdk := h.Get("X-Amz-Sdk-Checksum-Algorithm")
	if trailer := strings.ToLower(strings.TrimSpace(h.Get("X-Amz-Trailer"))); strings.HasPrefix(trailer, "x-amz-checksum-") {
		a, ok := lookupAlgorithm(strings.TrimPrefix(trailer, "x-amz-checksum-"))
		if !ok {
			return req, ErrInvalidRequest.Msg("The value specified in the x-amz-trailer header is not supported")
		}
		if req.Algorithm != "" && req.Algorithm != a.name {
			return req, ErrInvalidRequest.Msg("Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
		}
		req.Algorithm, req.Trailer = a.name, trailer
	}
	if sdk != "" {
		a, ok := lookupAlgorithm(sdk)
		if !ok {
			return req, ErrInvalidRequest.Msg("Value for x-amz-sdk-checksum-algorithm header is invalid.")
		}
		if req.Algorithm == "" {
			return req, ErrInvalidRequest.Msg("x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.")
		}
		if req.Algorithm != a.name {
			return req, ErrInvalidRequest.Msg("Value for x-amz-sdk-checksum-algorithm header is invalid.")
		}
	}
	if req.Algorithm == "" {
		req.Algorithm = fallback
	}
	return req, nil
}

// verifyChecksum compares a computed checksum with the one the client
// sent.
func verifyChecksum(alg, expected, got string) error {
	if expected == "" || expected == got {
		return nil
	}
	return ErrBadDigest.Msg("The " + alg + " you specified did not match the calculated checksum.")
}

// compositeChecksum is the checksum of the part checksums, "-N" appended:
// the COMPOSITE checksum of a multipart object.
func compositeChecksum(alg string, parts []string) (string, error) {
	a, ok := algorithms[alg]
	if !ok {
		return "", ErrInvalidRequest.Msg("unknown checksum algorithm " + alg)
	}
	h := a.new()
	for _, p := range parts {
		raw, err := base64.StdEncoding.DecodeString(p)
		if err != nil {
			return "", ErrInvalidPart.Err()
		}
		h.Write(raw)
	}
	return base64.StdEncoding.EncodeToString(h.Sum(nil)) + "-" + strconv.Itoa(len(parts)), nil
}

// fullObjectChecksum combines the CRCs of the parts into the CRC of the
// whole object.
func fullObjectChecksum(alg string, parts []string, sizes []int64) (string, error) {
	a, ok := algorithms[alg]
	if !ok || a.crc == nil {
		return "", ErrInvalidRequest.Msg("The " + alg + " checksum algorithm does not support the FULL_OBJECT checksum type")
	}
	var crc uint64
	for i, p := range parts {
		raw, err := base64.StdEncoding.DecodeString(p)
		if err != nil || len(raw) != a.size {
			return "", ErrInvalidPart.Err()
		}
		v := a.crc.value(raw)
		if i == 0 {
			crc = v
			continue
		}
		crc = a.crc.combine(crc, v, sizes[i])
	}
	if len(parts) == 0 {
		crc = a.crc.value(a.new().Sum(nil))
	}
	return base64.StdEncoding.EncodeToString(a.crc.bytes(crc)), nil
}

// setChecksumHeaders writes an object's checksum as response headers.
func setChecksumHeaders(h http.Header, c checksum) {
	if c.Algorithm == "" || c.Value == "" {
		return
	}
	h.Set(checksumHeader(c.Algorithm), c.Value)
	if c.Type != "" {
		h.Set("x-amz-checksum-type", c.Type)
	}
}

// checksumModeEnabled reports whether a GET or HEAD asked for checksums.
func checksumModeEnabled(r *awsapi.Request) bool {
	return strings.EqualFold(r.HTTP.Header.Get("X-Amz-Checksum-Mode"), "ENABLED")
}

// parseContentMD5 decodes Content-MD5; nil when absent.
func parseContentMD5(h http.Header) ([]byte, error) {
	v := h.Get("Content-Md5")
	if v == "" {
		return nil, nil
	}
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(raw) != md5.Size {
		return nil, ErrInvalidDigest.Err()
	}
	return raw, nil
}
