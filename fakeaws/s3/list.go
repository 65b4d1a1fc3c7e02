package s3

import (
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"net/http"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

const maxListKeys = 1000

type contentXML struct {
	Key               string   `xml:"Key"`
	LastModified      xmlTime  `xml:"LastModified"`
	ETag              string   `xml:"ETag"`
	ChecksumAlgorithm []string `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string   `xml:"ChecksumType,omitempty"`
	Size              int64    `xml:"Size"`
	Owner             *owner   `xml:"Owner,omitempty"`
	StorageClass      string   `xml:"StorageClass"`
}

func content(e encoder, o *object, withOwner bool) contentXML {
	c := contentXML{Key: e.enc(o.Key), LastModified: xmlTime(o.LastModified), ETag: o.ETag, Size: o.Size, StorageClass: storageClass(o)}
	if o.Checksum.Algorithm != "" {
		c.ChecksumAlgorithm = []string{o.Checksum.Algorithm}
		c.ChecksumType = o.Checksum.Type
	}
	if withOwner {
		c.Owner = ownerOf(o.Owner)
	}
	return c
}

func storageClass(o *object) string {
	if o.Header.StorageClass == "" {
		return "STANDARD"
	}
	return o.Header.StorageClass
}

type listBucketResult struct {
	XMLName        xml.Name     `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListBucketResult"`
	Name           string       `xml:"Name"`
	Prefix         string       `xml:"Prefix"`
	Marker         string       `xml:"Marker"`
	NextMarker     string       `xml:"NextMarker,omitempty"`
	MaxKeys        int          `xml:"MaxKeys"`
	Delimiter      string       `xml:"Delimiter,omitempty"`
	IsTruncated    bool         `xml:"IsTruncated"`
	Contents       []contentXML `xml:"Contents"`
	CommonPrefixes []prefixXML  `xml:"CommonPrefixes"`
	EncodingType   string       `xml:"EncodingType,omitempty"`
}

type listBucketResultV2 struct {
	XMLName               xml.Name     `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListBucketResult"`
	Name                  string       `xml:"Name"`
	Prefix                string       `xml:"Prefix"`
	KeyCount              int          `xml:"KeyCount"`
	MaxKeys               int          `xml:"MaxKeys"`
	Delimiter             string       `xml:"Delimiter,omitempty"`
	IsTruncated           bool         `xml:"IsTruncated"`
	Contents              []contentXML `xml:"Contents"`
	CommonPrefixes        []prefixXML  `xml:"CommonPrefixes"`
	ContinuationToken     string       `xml:"ContinuationToken,omitempty"`
	NextContinuationToken string       `xml:"NextContinuationToken,omitempty"`
	StartAfter            string       `xml:"StartAfter,omitempty"`
	EncodingType          string       `xml:"EncodingType,omitempty"`
}

// listCurrent lists the current, non-deleted objects of a bucket.
func (s *Service) listCurrent(r *awsapi.Request, name string, l *lister, withOwner bool, e encoder) ([]contentXML, error) {
	var out []contentXML
	err := s.env.DB.View(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, name)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		keyOf := func(k string) string { return k }
		// Delete markers are not listed and take no room in the page:
		// the lister only sees live objects.
		return scanLive(objs.cur, l, l.marker, keyOf, func(o *object) {
			out = append(out, content(e, o, withOwner))
		})
	})
	return out, err
}

// scanLive runs l over the current versions in cur, skipping delete
// markers before the lister counts them.
func scanLive(cur *store.Bucket, l *lister, after string, keyOf func(string) string, fn func(*object)) error {
	if l.max == 0 {
		return nil
	}
	for {
		resume := ""
		err := cur.Scan(l.prefix, after, func(k string, raw []byte) (bool, error) {
			var o object
			if err := json.Unmarshal(raw, &o); err != nil {
				return false, err
			}
			if o.DeleteMarker {
				return true, nil
			}
			switch l.offer(keyOf(k)) {
			case stop:
				return false, nil
			case jumpPast:
				resume = pastPrefix(l.commonPrefixOf(k))
				return false, nil
			case list:
				fn(&o)
			}
			return true, nil
		})
		if err != nil || resume == "" || l.truncated {
			return err
		}
		after = resume
	}
}

func (s *Service) listObjectsV1(w http.ResponseWriter, r *awsapi.Request, t target) error {
	q := r.HTTP.URL.Query()
	e, err := parseEncoding(q)
	if err != nil {
		return err
	}
	max, err := parseMaxKeys(q, "max-keys", maxListKeys, maxListKeys)
	if err != nil {
		return err
	}
	l := &lister{prefix: q.Get("prefix"), delimiter: q.Get("delimiter"), marker: q.Get("marker"), max: max}
	contents, err := s.listCurrent(r, t.Bucket, l, true, e)
	if err != nil {
		return err
	}
	res := listBucketResult{
		Name: t.Bucket, Prefix: e.enc(l.prefix), Marker: e.enc(l.marker), MaxKeys: max,
		Delimiter: e.enc(l.delimiter), IsTruncated: l.truncated, Contents: contents,
		CommonPrefixes: e.all(l.prefixes), EncodingType: e.typ(),
	}
	if l.truncated && l.delimiter != "" {
		res.NextMarker = e.enc(l.last)
	}
	return writeXML(w, r, res)
}

func (s *Service) listObjectsV2(w http.ResponseWriter, r *awsapi.Request, t target) error {
	q := r.HTTP.URL.Query()
	e, err := parseEncoding(q)
	if err != nil {
		return err
	}
	max, err := parseMaxKeys(q, "max-keys", maxListKeys, maxListKeys)
	if err != nil {
		return err
	}
	l := &lister{prefix: q.Get("prefix"), delimiter: q.Get("delimiter"), max: max}
	token, hasToken := q["continuation-token"]
	if hasToken {
		tok := ""
		if len(token) > 0 {
			tok = token[0]
		}
		after, ok := decodeToken(tok)
		if !ok {
			return errInvalidArgument("The continuation token provided is incorrect", "continuation-token", tok)
		}
		l.marker = after
	} else {
		l.marker = q.Get("start-after")
	}
	contents, err := s.listCurrent(r, t.Bucket, l, q.Get("fetch-owner") == "true", e)
	if err != nil {
		return err
	}
	res := listBucketResultV2{
		Name: t.Bucket, Prefix: e.enc(l.prefix), KeyCount: len(contents) + len(l.prefixes), MaxKeys: max,
		Delimiter: e.enc(l.delimiter), IsTruncated: l.truncated, Contents: contents,
		CommonPrefixes: e.all(l.prefixes), EncodingType: e.typ(),
	}
	if hasToken {
		res.ContinuationToken = q.Get("continuation-token")
	} else {
		res.StartAfter = e.enc(q.Get("start-after"))
	}
	if l.truncated {
		res.NextContinuationToken = encodeToken(l.last)
	}
	return writeXML(w, r, res)
}

// Continuation tokens carry the last key listed, opaque to clients.
func encodeToken(after string) string {
	return base64.RawURLEncoding.EncodeToString([]byte("v1:" + after))
}

func decodeToken(tok string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(raw) < 3 || string(raw[:3]) != "v1:" {
		return "", false
	}
	return string(raw[3:]), true
}
