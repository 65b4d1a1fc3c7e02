package s3

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// Request bodies are small XML documents; these bound them.
const (
	maxConfigBody = 1 << 20
	maxListBody   = 32 << 20 // CompleteMultipartUpload, DeleteObjects
)

// readBody reads a small request body whole.
func readBody(r *awsapi.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, awsapi.AsBodyError(err)
	}
	if int64(len(data)) > limit {
		return nil, awsapi.BadRequest("MaxMessageLengthExceeded", "Your request was too big.")
	}
	return data, nil
}

// unmarshal decodes an XML request document; any error is MalformedXML.
func unmarshal(data []byte, v any) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errMalformedXML()
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return errMalformedXML()
	}
	return nil
}

// parseVersioning decodes a VersioningConfiguration and returns the
// status it asks for.
func parseVersioning(data []byte) (string, error) {
	var v versioningConfiguration
	if err := unmarshal(data, &v); err != nil {
		return "", err
	}
	if v.MfaDelete != nil && *v.MfaDelete != "Disabled" {
		if *v.MfaDelete != "Enabled" {
			return "", errMalformedXML()
		}
		return "", errNotImplementedHeader("x-amz-mfa", "fakeaws does not support MFA delete")
	}
	if v.Status == nil {
		return "", ErrIllegalVersioningConfiguration.Err()
	}
	switch *v.Status {
	case versioningEnabled, versioningSuspended:
		return *v.Status, nil
	}
	return "", errMalformedXML()
}

// tagRules are the limits of a tag set: buckets and objects differ.
type tagRules struct {
	max         int
	tooMany     *awsapi.Error
	awsPrefixed string // message for keys starting with aws:
}

var (
	bucketTagRules = tagRules{50, ErrInvalidTag.Msg("Bucket tag count cannot be greater than 50"), "System tags cannot be added/updated by requester"}
	objectTagRules = tagRules{10, awsapi.BadRequest("BadRequest", "Object tags cannot be greater than 10"), "Your TagKey cannot be prefixed with aws:"}
	createTagRules = tagRules{50, ErrInvalidTag.Msg("Bucket tag count cannot be greater than 50"), `User-defined tag keys can't start with "aws:". This prefix is reserved for system tags. Remove "aws:" from your tag keys and try again.`}
)

// parseTagging decodes a Tagging document.
func parseTagging(data []byte, rules tagRules) ([]tag, error) {
	var t tagging
	if err := unmarshal(data, &t); err != nil {
		return nil, err
	}
	if t.TagSet == nil {
		return nil, errMalformedXML()
	}
	return checkTags(t.TagSet.Tags, rules)
}

// checkTags validates tags as sent and returns them sorted by key.
func checkTags(in []tagXML, rules tagRules) ([]tag, error) {
	if len(in) > rules.max {
		return nil, rules.tooMany
	}
	seen := map[string]bool{}
	out := make([]tag, 0, len(in))
	for _, t := range in {
		if t.Key == nil || t.Value == nil {
			return nil, errMalformedXML()
		}
		k, v := *t.Key, *t.Value
		if !validTagText(k, 1, 128) {
			return nil, ErrInvalidTag.Msg("The TagKey you have provided is invalid").With("TagKey", k)
		}
		if !validTagText(v, 0, 256) {
			return nil, ErrInvalidTag.Msg("The TagValue you have provided is invalid").With("TagKey", k).With("TagValue", v)
		}
		if strings.HasPrefix(strings.ToLower(k), "aws:") {
			e := ErrInvalidTag.Msg(rules.awsPrefixed)
			if rules.awsPrefixed != createTagRules.awsPrefixed {
				e = e.With("TagKey", k)
			}
			return nil, e
		}
		if seen[k] {
			return nil, ErrInvalidTag.Msg("Cannot provide multiple Tags with the same key").With("TagKey", k)
		}
		seen[k] = true
		out = append(out, tag{Key: k, Value: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// validTagText checks a tag key or value: Unicode letters, digits,
// spaces and _ . : / = + - @.
func validTagText(s string, minLen, maxLen int) bool {
	n := utf8.RuneCountInString(s)
	if n < minLen || n > maxLen || !utf8.ValidString(s) {
		return false
	}
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.IsNumber(c) || unicode.IsSpace(c) || strings.ContainsRune("_.:/=+-@", c) {
			continue
		}
		return false
	}
	return true
}

// parseTaggingHeader reads x-amz-tagging: URL-encoded key=value pairs.
func parseTaggingHeader(v string) ([]tag, error) {
	if v == "" {
		return nil, nil
	}
	bad := errInvalidArgument("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.", "x-amz-tagging", v)
	q, err := url.ParseQuery(v)
	if err != nil {
		return nil, bad
	}
	var in []tagXML
	for k, vs := range q {
		if len(vs) != 1 {
			return nil, bad
		}
		in = append(in, tagXML{Key: &k, Value: &vs[0]})
	}
	tags, err := checkTags(in, objectTagRules)
	if err != nil {
		if e := awsapi.AsError(err); e.Code == ErrInvalidTag.Err().Code {
			return nil, bad
		}
		return nil, err
	}
	return tags, nil
}

// completedPart is one part named in CompleteMultipartUpload.
type completedPart struct {
	PartNumber        *int    `xml:"PartNumber"`
	ETag              *string `xml:"ETag"`
	ChecksumCRC32     string  `xml:"ChecksumCRC32"`
	ChecksumCRC32C    string  `xml:"ChecksumCRC32C"`
	ChecksumCRC64NVME string  `xml:"ChecksumCRC64NVME"`
	ChecksumSHA1      string  `xml:"ChecksumSHA1"`
	ChecksumSHA256    string  `xml:"ChecksumSHA256"`
	ChecksumSHA512    string  `xml:"ChecksumSHA512"`
	ChecksumMD5       string  `xml:"ChecksumMD5"`
}

// checksum returns the part checksum the client sent for alg.
func (p completedPart) checksum(alg string) string {
	switch alg {
	case "CRC32":
		return p.ChecksumCRC32
	case "CRC32C":
		return p.ChecksumCRC32C
	case "CRC64NVME":
		return p.ChecksumCRC64NVME
	case "SHA1":
		return p.ChecksumSHA1
	case "SHA256":
		return p.ChecksumSHA256
	case "SHA512":
		return p.ChecksumSHA512
	case "MD5":
		return p.ChecksumMD5
	}
	return ""
}

type completeMultipartUpload struct {
	XMLName xml.Name        `xml:"CompleteMultipartUpload"`
	Parts   []completedPart `xml:"Part"`
}

// parseCompleteMultipartUpload decodes the part list of a
// CompleteMultipartUpload request.
func parseCompleteMultipartUpload(data []byte) ([]completedPart, error) {
	var c completeMultipartUpload
	if err := unmarshal(data, &c); err != nil {
		return nil, err
	}
	if len(c.Parts) == 0 {
		return nil, errMalformedXML()
	}
	for _, p := range c.Parts {
		if p.PartNumber == nil || p.ETag == nil {
			return nil, errMalformedXML()
		}
	}
	return c.Parts, nil
}

type deleteRequest struct {
	XMLName xml.Name `xml:"Delete"`
	Quiet   bool     `xml:"Quiet"`
	Objects []struct {
		Key       *string `xml:"Key"`
		VersionID string  `xml:"VersionId"`
	} `xml:"Object"`
}

// deleteTarget is one object named in DeleteObjects.
type deleteTarget struct {
	Key       string
	VersionID string
}

// parseDelete decodes a DeleteObjects request.
func parseDelete(data []byte) (quiet bool, targets []deleteTarget, err error) {
	var d deleteRequest
	if err := unmarshal(data, &d); err != nil {
		return false, nil, err
	}
	if len(d.Objects) == 0 || len(d.Objects) > 1000 {
		return false, nil, errMalformedXML()
	}
	for _, o := range d.Objects {
		if o.Key == nil {
			return false, nil, errMalformedXML()
		}
		targets = append(targets, deleteTarget{Key: *o.Key, VersionID: o.VersionID})
	}
	return d.Quiet, targets, nil
}

type createBucketConfiguration struct {
	XMLName            xml.Name `xml:"CreateBucketConfiguration"`
	LocationConstraint string   `xml:"LocationConstraint"`
	Tags               *tagSet  `xml:"Tags"`
}

// parseCreateBucket decodes an optional CreateBucketConfiguration.
func parseCreateBucket(data []byte) (constraint string, tags []tag, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil, nil
	}
	var c createBucketConfiguration
	if err := unmarshal(data, &c); err != nil {
		return "", nil, err
	}
	if c.Tags != nil {
		if tags, err = checkTags(c.Tags.Tags, createTagRules); err != nil {
			return "", nil, err
		}
	}
	return strings.TrimSpace(c.LocationConstraint), tags, nil
}

// parseEncryption decodes a ServerSideEncryptionConfiguration.
func parseEncryption(data []byte) (*sseRule, error) {
	var c serverSideEncryptionConfiguration
	if err := unmarshal(data, &c); err != nil {
		return nil, err
	}
	if len(c.Rules) != 1 || c.Rules[0].Default == nil {
		return nil, errMalformedXML()
	}
	d := c.Rules[0].Default
	rule := &sseRule{Algorithm: d.SSEAlgorithm, KMSKeyID: d.KMSMasterKeyID}
	if c.Rules[0].BucketKeyEnabled != nil {
		rule.BucketKeyEnabled = *c.Rules[0].BucketKeyEnabled
	}
	switch rule.Algorithm {
	case "AES256":
		if rule.KMSKeyID != "" {
			return nil, errInvalidArgument("a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse", "ApplyServerSideEncryptionByDefault", "")
		}
	case "aws:kms", "aws:kms:dsse":
	default:
		return nil, errMalformedXML()
	}
	return rule, nil
}

// objectOwnerships are the valid object-ownership settings.
var objectOwnerships = map[string]bool{"BucketOwnerPreferred": true, "ObjectWriter": true, "BucketOwnerEnforced": true}

// parseOwnership decodes OwnershipControls: exactly one valid rule.
func parseOwnership(data []byte) (string, error) {
	var c ownershipControls
	if err := unmarshal(data, &c); err != nil {
		return "", err
	}
	if len(c.Rules) != 1 || !objectOwnerships[c.Rules[0].ObjectOwnership] {
		return "", errMalformedXML()
	}
	return c.Rules[0].ObjectOwnership, nil
}

func parsePublicAccessBlock(data []byte) (*publicAccessBlock, error) {
	var c publicAccessBlockConfiguration
	if err := unmarshal(data, &c); err != nil {
		return nil, err
	}
	pab := c.publicAccessBlock
	return &pab, nil
}

func parseAccelerate(data []byte) (string, error) {
	var c accelerateConfiguration
	if err := unmarshal(data, &c); err != nil {
		return "", err
	}
	if c.Status != "Enabled" && c.Status != "Suspended" {
		return "", errMalformedXML()
	}
	return c.Status, nil
}

// parseMaxKeys reads an optional non-negative integer query parameter.
func parseMaxKeys(q url.Values, name string, def, max int) (int, error) {
	v, ok := q[name]
	if !ok || len(v) == 0 {
		return def, nil
	}
	n, err := strconv.Atoi(v[0])
	if err != nil || n < 0 {
		return 0, errInvalidArgument("Provided "+name+" not an integer or within integer range", name, v[0])
	}
	return min(n, max), nil
}
