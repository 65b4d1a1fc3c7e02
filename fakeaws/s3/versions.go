package s3

import (
	"encoding/xml"
	"net/http"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type listVersionsResult struct {
	XMLName             xml.Name          `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListVersionsResult"`
	Name                string            `xml:"Name"`
	Prefix              string            `xml:"Prefix"`
	KeyMarker           string            `xml:"KeyMarker"`
	VersionIDMarker     string            `xml:"VersionIdMarker"`
	NextKeyMarker       string            `xml:"NextKeyMarker,omitempty"`
	NextVersionIDMarker string            `xml:"NextVersionIdMarker,omitempty"`
	MaxKeys             int               `xml:"MaxKeys"`
	Delimiter           string            `xml:"Delimiter,omitempty"`
	IsTruncated         bool              `xml:"IsTruncated"`
	Entries             []versionEntryXML // Version and DeleteMarker elements, interleaved in key order
	CommonPrefixes      []prefixXML       `xml:"CommonPrefixes"`
	EncodingType        string            `xml:"EncodingType,omitempty"`
}

// versionEntryXML is a <Version> or a <DeleteMarker>, named by XMLName.
type versionEntryXML struct {
	XMLName           xml.Name
	Key               string   `xml:"Key"`
	VersionID         string   `xml:"VersionId"`
	IsLatest          bool     `xml:"IsLatest"`
	LastModified      xmlTime  `xml:"LastModified"`
	ETag              string   `xml:"ETag,omitempty"`
	ChecksumAlgorithm []string `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string   `xml:"ChecksumType,omitempty"`
	Size              *int64   `xml:"Size,omitempty"`
	StorageClass      string   `xml:"StorageClass,omitempty"`
	Owner             *owner   `xml:"Owner"`
}

func versionEntry(e encoder, o *object, latest bool) versionEntryXML {
	v := versionEntryXML{Key: e.enc(o.Key), VersionID: o.VersionID, IsLatest: latest, LastModified: xmlTime(o.LastModified), Owner: ownerOf(o.Owner)}
	if o.DeleteMarker {
		v.XMLName.Local = "DeleteMarker"
		return v
	}
	v.XMLName.Local = "Version"
	v.ETag = o.ETag
	size := o.Size
	v.Size = &size
	v.StorageClass = storageClass(o)
	if o.Checksum.Algorithm != "" {
		v.ChecksumAlgorithm = []string{o.Checksum.Algorithm}
		v.ChecksumType = o.Checksum.Type
	}
	return v
}

func (s *Service) listObjectVersions(w http.ResponseWriter, r *awsapi.Request, t target) error {
	q := r.HTTP.URL.Query()
	e, err := parseEncoding(q)
	if err != nil {
		return err
	}
	max, err := parseMaxKeys(q, "max-keys", maxListKeys, maxListKeys)
	if err != nil {
		return err
	}
	keyMarker, vidMarker := q.Get("key-marker"), q.Get("version-id-marker")
	if vidMarker != "" && keyMarker == "" {
		return errInvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", vidMarker)
	}
	l := &lister{prefix: q.Get("prefix"), delimiter: q.Get("delimiter"), marker: keyMarker, max: max}
	res := listVersionsResult{
		Name: t.Bucket, Prefix: e.enc(l.prefix), KeyMarker: e.enc(keyMarker), VersionIDMarker: vidMarker,
		MaxKeys: max, Delimiter: e.enc(l.delimiter), EncodingType: e.typ(),
	}
	var last *object
	err = s.env.DB.View(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		after := ""
		if keyMarker != "" {
			// After every version of the key marker...
			after = keyMarker + keySep + "\xff"
			if vidMarker != "" {
				// ...or after one of its versions.
				if v, ok, err := objs.version(keyMarker, vidMarker); err != nil {
					return err
				} else if ok {
					after = verKey(v.Key, v.Seq)
				}
			}
		}
		latest := map[string]uint64{}
		return l.scan(objs.ver, after, keyOfVer, func(k string, raw []byte) (bool, error) {
			o, err := decode[object](k, raw)
			if err != nil {
				return false, err
			}
			seq, ok := latest[o.Key]
			if !ok {
				if cur, found, err := objs.current(o.Key); err != nil {
					return false, err
				} else if found {
					seq = cur.Seq
				}
				latest[o.Key] = seq
			}
			res.Entries = append(res.Entries, versionEntry(e, o, o.Seq == seq))
			last = o
			return true, nil
		})
	})
	if err != nil {
		return err
	}
	res.CommonPrefixes = e.all(l.prefixes)
	res.IsTruncated = l.truncated
	if l.truncated {
		res.NextKeyMarker = e.enc(l.last)
		if last != nil && last.Key == l.last {
			res.NextVersionIDMarker = last.VersionID
		}
	}
	return writeXML(w, r, res)
}
