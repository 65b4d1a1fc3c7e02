package s3

import (
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// target is what a request addresses: the service (no bucket), a bucket,
// or an object.
type target struct {
	Bucket string
	Key    string
	// Virtual is set when the bucket came from the Host header.
	Virtual bool
}

func (t target) object() bool { return t.Key != "" }

const maxKeyLength = 1024

// amazonHost matches S3's own host names: s3.amazonaws.com,
// s3.REGION.amazonaws.com, s3-REGION.amazonaws.com,
// s3.dualstack.REGION.amazonaws.com, each optionally prefixed with
// BUCKET. for virtual-host-style addressing.
var amazonHost = regexp.MustCompile(`^(?:(.+)\.)?s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$`)

// hostBucket returns the bucket named by a virtual-host-style Host header,
// "" for path-style requests.
func (s *Service) hostBucket(host string) string {
	h := strings.ToLower(host)
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" || net.ParseIP(strings.Trim(h, "[]")) != nil {
		return ""
	}
	if m := amazonHost.FindStringSubmatch(h); m != nil {
		return m[1]
	}
	for _, suffix := range s.hosts {
		if b, ok := strings.CutSuffix(h, "."+suffix); ok && b != "" {
			return b
		}
	}
	return ""
}

// rawPath is the request path exactly as sent.
func rawPath(r *http.Request) string {
	p := r.RequestURI
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") {
		if u, err := url.Parse(p); err == nil {
			p = u.EscapedPath()
		}
	}
	if p == "" {
		p = r.URL.EscapedPath()
	}
	return p
}

// address finds the bucket and key of a request. The path is decoded
// exactly once, so keys keep '+', '%', spaces and repeated slashes.
func (s *Service) address(r *http.Request) (target, error) {
	raw := rawPath(r)
	if raw == "" {
		raw = "/"
	}
	if raw[0] != '/' {
		return target{}, errInvalidURI()
	}
	p, err := url.PathUnescape(raw)
	if err != nil {
		return target{}, errInvalidURI()
	}
	var t target
	if b := s.hostBucket(r.Host); b != "" {
		t = target{Bucket: b, Key: p[1:], Virtual: true}
	} else {
		t.Bucket, t.Key, _ = strings.Cut(p[1:], "/")
	}
	if t.Key != "" {
		if len(t.Key) > maxKeyLength {
			return t, ErrKeyTooLong.Err().With("Size", strconv.Itoa(len(t.Key))).With("MaxSizeAllowed", strconv.Itoa(maxKeyLength))
		}
		if !utf8.ValidString(t.Key) || strings.ContainsRune(t.Key, 0) {
			return t, errInvalidArgument("Object key must be valid UTF-8 without NUL characters", "key", "")
		}
	}
	return t, nil
}

func errInvalidURI() *awsapi.Error {
	return awsapi.BadRequest("InvalidURI", "Couldn't parse the specified URI.")
}

// subresources are the query parameters that select an S3 operation, in
// the order they are looked for.
var subresources = []string{
	"uploadId", "uploads", "delete", "versions", "versioning", "location", "tagging", "acl",
	"policyStatus", "policy", "cors", "encryption", "lifecycle", "logging", "website",
	"replication", "object-lock", "requestPayment", "accelerate", "ownershipControls",
	"publicAccessBlock", "notification", "analytics", "inventory", "metrics",
	"intelligent-tiering", "metadataTable", "metadataConfiguration", "metadataInventoryTable",
	"metadataJournalTable", "abac", "attributes", "legal-hold", "retention", "restore",
	"select", "torrent", "session", "renameObject",
}

// operations maps "METHOD level subresource" to the S3 operation, level
// being "bucket" or "object", as the S3 model routes them.
var operations = map[string]string{}

func init() {
	bucketOps := map[string][3]string{ // subresource: GET, PUT, DELETE
		"accelerate":             {"GetBucketAccelerateConfiguration", "PutBucketAccelerateConfiguration", ""},
		"acl":                    {"GetBucketAcl", "PutBucketAcl", ""},
		"analytics":              {"GetBucketAnalyticsConfiguration", "PutBucketAnalyticsConfiguration", "DeleteBucketAnalyticsConfiguration"},
		"cors":                   {"GetBucketCors", "PutBucketCors", "DeleteBucketCors"},
		"encryption":             {"GetBucketEncryption", "PutBucketEncryption", "DeleteBucketEncryption"},
		"intelligent-tiering":    {"GetBucketIntelligentTieringConfiguration", "PutBucketIntelligentTieringConfiguration", "DeleteBucketIntelligentTieringConfiguration"},
		"inventory":              {"GetBucketInventoryConfiguration", "PutBucketInventoryConfiguration", "DeleteBucketInventoryConfiguration"},
		"lifecycle":              {"GetBucketLifecycleConfiguration", "PutBucketLifecycleConfiguration", "DeleteBucketLifecycle"},
		"location":               {"GetBucketLocation", "", ""},
		"logging":                {"GetBucketLogging", "PutBucketLogging", ""},
		"metrics":                {"GetBucketMetricsConfiguration", "PutBucketMetricsConfiguration", "DeleteBucketMetricsConfiguration"},
		"notification":           {"GetBucketNotificationConfiguration", "PutBucketNotificationConfiguration", ""},
		"object-lock":            {"GetObjectLockConfiguration", "PutObjectLockConfiguration", ""},
		"ownershipControls":      {"GetBucketOwnershipControls", "PutBucketOwnershipControls", "DeleteBucketOwnershipControls"},
		"policy":                 {"GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy"},
		"policyStatus":           {"GetBucketPolicyStatus", "", ""},
		"publicAccessBlock":      {"GetPublicAccessBlock", "PutPublicAccessBlock", "DeletePublicAccessBlock"},
		"replication":            {"GetBucketReplication", "PutBucketReplication", "DeleteBucketReplication"},
		"requestPayment":         {"GetBucketRequestPayment", "PutBucketRequestPayment", ""},
		"tagging":                {"GetBucketTagging", "PutBucketTagging", "DeleteBucketTagging"},
		"uploads":                {"ListMultipartUploads", "", ""},
		"versioning":             {"GetBucketVersioning", "PutBucketVersioning", ""},
		"versions":               {"ListObjectVersions", "", ""},
		"website":                {"GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite"},
		"metadataTable":          {"GetBucketMetadataTableConfiguration", "", "DeleteBucketMetadataTableConfiguration"},
		"metadataConfiguration":  {"GetBucketMetadataConfiguration", "", "DeleteBucketMetadataConfiguration"},
		"metadataInventoryTable": {"", "UpdateBucketMetadataInventoryTableConfiguration", ""},
		"metadataJournalTable":   {"", "UpdateBucketMetadataJournalTableConfiguration", ""},
		"abac":                   {"GetBucketAbac", "PutBucketAbac", ""},
		"session":                {"CreateSession", "", ""},
	}
	for sub, ops := range bucketOps {
		for i, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			if ops[i] != "" {
				operations[m+" bucket "+sub] = ops[i]
			}
		}
	}
	for k, v := range map[string]string{
		"GET bucket ":                       "ListObjects",
		"PUT bucket ":                       "CreateBucket",
		"DELETE bucket ":                    "DeleteBucket",
		"HEAD bucket ":                      "HeadBucket",
		"POST bucket ":                      "PostObject",
		"POST bucket delete":                "DeleteObjects",
		"POST bucket metadataTable":         "CreateBucketMetadataTableConfiguration",
		"POST bucket metadataConfiguration": "CreateBucketMetadataConfiguration",
		"GET object ":                       "GetObject",
		"GET object acl":                    "GetObjectAcl",
		"GET object attributes":             "GetObjectAttributes",
		"GET object legal-hold":             "GetObjectLegalHold",
		"GET object retention":              "GetObjectRetention",
		"GET object tagging":                "GetObjectTagging",
		"GET object torrent":                "GetObjectTorrent",
		"GET object uploadId":               "ListParts",
		"HEAD object ":                      "HeadObject",
		"PUT object ":                       "PutObject",
		"PUT object acl":                    "PutObjectAcl",
		"PUT object tagging":                "PutObjectTagging",
		"PUT object legal-hold":             "PutObjectLegalHold",
		"PUT object retention":              "PutObjectRetention",
		"PUT object renameObject":           "RenameObject",
		"PUT object encryption":             "UpdateObjectEncryption",
		"PUT object uploadId":               "UploadPart",
		"DELETE object ":                    "DeleteObject",
		"DELETE object tagging":             "DeleteObjectTagging",
		"DELETE object uploadId":            "AbortMultipartUpload",
		"POST object uploads":               "CreateMultipartUpload",
		"POST object uploadId":              "CompleteMultipartUpload",
		"POST object restore":               "RestoreObject",
		"POST object select":                "SelectObjectContent",
		"GET service ":                      "ListBuckets",
	} {
		operations[k] = v
	}
}

// operation names the S3 operation a request asks for; "" when the
// method makes no sense on the resource.
func operation(r *http.Request, t target) string {
	level := "bucket"
	switch {
	case t.Bucket == "":
		level = "service"
	case t.object():
		level = "object"
	}
	q := r.URL.Query()
	prefix := r.Method + " " + level + " "
	op := ""
	for _, sub := range subresources {
		if _, ok := q[sub]; !ok {
			continue
		}
		if o, ok := operations[prefix+sub]; ok {
			op = o
			break
		}
	}
	if op == "" {
		op = operations[prefix]
	}
	copySource := r.Header.Get("X-Amz-Copy-Source") != ""
	switch op {
	case "ListObjects":
		if q.Get("list-type") == "2" {
			op = "ListObjectsV2"
		}
	case "PutObject":
		if copySource {
			op = "CopyObject"
		}
	case "UploadPart":
		if copySource {
			op = "UploadPartCopy"
		}
	}
	return op
}

// handler serves one operation. It writes a successful response itself
// and returns an error, written in S3's envelope, before writing anything.
type handler func(w http.ResponseWriter, r *awsapi.Request, t target) error

// Serve implements awsapi.Service.
func (s *Service) Serve(w http.ResponseWriter, r *awsapi.Request) {
	if err := s.serve(w, r); err != nil {
		awsapi.WriteError(w, r, awsapi.ProtocolS3, err)
	}
}

func (s *Service) serve(w http.ResponseWriter, r *awsapi.Request) error {
	t, err := s.address(r.HTTP)
	if err != nil {
		return err
	}
	op := operation(r.HTTP, t)
	if op == "" {
		rt := "BUCKET"
		switch {
		case t.Bucket == "":
			rt = "SERVICE"
		case t.object():
			rt = "OBJECT"
		}
		return ErrMethodNotAllowed.Err().With("Method", r.HTTP.Method).With("ResourceType", rt)
	}
	h, ok := s.handlers[op]
	if !ok {
		return errNotImplementedOp(op)
	}
	return h(w, r, t)
}
