package s3

import (
	"encoding/xml"
	"net/http"
	"sort"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type initiator struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName"`
}

type uploadXML struct {
	Key               string    `xml:"Key"`
	UploadID          string    `xml:"UploadId"`
	Initiator         initiator `xml:"Initiator"`
	Owner             *owner    `xml:"Owner"`
	StorageClass      string    `xml:"StorageClass"`
	Initiated         xmlTime   `xml:"Initiated"`
	ChecksumAlgorithm string    `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType      string    `xml:"ChecksumType,omitempty"`
}

type listMultipartUploadsResult struct {
	XMLName            xml.Name    `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListMultipartUploadsResult"`
	Bucket             string      `xml:"Bucket"`
	KeyMarker          string      `xml:"KeyMarker"`
	UploadIDMarker     string      `xml:"UploadIdMarker"`
	NextKeyMarker      string      `xml:"NextKeyMarker"`
	NextUploadIDMarker string      `xml:"NextUploadIdMarker"`
	Delimiter          string      `xml:"Delimiter,omitempty"`
	Prefix             string      `xml:"Prefix,omitempty"`
	MaxUploads         int         `xml:"MaxUploads"`
	IsTruncated        bool        `xml:"IsTruncated"`
	Uploads            []uploadXML `xml:"Upload"`
	CommonPrefixes     []prefixXML `xml:"CommonPrefixes"`
	EncodingType       string      `xml:"EncodingType,omitempty"`
}

func uploadEntry(e encoder, u *upload) uploadXML {
	sc := u.Header.StorageClass
	if sc == "" {
		sc = "STANDARD"
	}
	return uploadXML{
		Key: e.enc(u.Key), UploadID: u.ID, Initiator: initiator{ID: canonicalID(u.Owner), DisplayName: u.Owner},
		Owner: ownerOf(u.Owner), StorageClass: sc, Initiated: xmlTime(u.Initiated),
		ChecksumAlgorithm: u.Algorithm, ChecksumType: u.ChecksumType,
	}
}

func (s *Service) listMultipartUploads(w http.ResponseWriter, r *awsapi.Request, t target) error {
	q := r.HTTP.URL.Query()
	e, err := parseEncoding(q)
	if err != nil {
		return err
	}
	max, err := parseMaxKeys(q, "max-uploads", maxListKeys, maxListKeys)
	if err != nil {
		return err
	}
	keyMarker, idMarker := q.Get("key-marker"), q.Get("upload-id-marker")
	var ups []upload
	err = s.env.DB.View(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		ups, err = store.List[upload](openObjects(tx, b).uploads, "")
		return err
	})
	if err != nil {
		return err
	}
	sort.Slice(ups, func(i, j int) bool {
		if ups[i].Key != ups[j].Key {
			return ups[i].Key < ups[j].Key
		}
		return ups[i].Seq < ups[j].Seq
	})
	// Uploads of the key marker after the upload-ID marker come first.
	var markerSeq uint64
	hasIDMarker := false
	for _, u := range ups {
		if keyMarker != "" && idMarker != "" && u.Key == keyMarker && u.ID == idMarker {
			markerSeq, hasIDMarker = u.Seq, true
		}
	}
	l := &lister{prefix: q.Get("prefix"), delimiter: q.Get("delimiter"), marker: keyMarker, max: max}
	res := listMultipartUploadsResult{
		Bucket: t.Bucket, KeyMarker: e.enc(keyMarker), UploadIDMarker: idMarker, Delimiter: e.enc(l.delimiter),
		Prefix: e.enc(l.prefix), MaxUploads: max, EncodingType: e.typ(),
	}
	var last *upload
	for i := range ups {
		u := &ups[i]
		if len(u.Key) < len(l.prefix) || u.Key[:len(l.prefix)] != l.prefix {
			continue
		}
		if keyMarker != "" && (u.Key < keyMarker || u.Key == keyMarker && (!hasIDMarker || u.Seq <= markerSeq)) {
			continue
		}
		if l.max == 0 {
			break
		}
		v := l.offer(u.Key)
		if v == stop {
			break
		}
		if v == list {
			res.Uploads = append(res.Uploads, uploadEntry(e, u))
			last = u
		}
	}
	res.CommonPrefixes = e.all(l.prefixes)
	res.IsTruncated = l.truncated
	if l.truncated {
		res.NextKeyMarker = e.enc(l.last)
		if last != nil && last.Key == l.last {
			res.NextUploadIDMarker = last.ID
		}
	}
	return writeXML(w, r, res)
}

type partXML struct {
	PartNumber   int     `xml:"PartNumber"`
	LastModified xmlTime `xml:"LastModified"`
	ETag         string  `xml:"ETag"`
	Size         int64   `xml:"Size"`
	checksumXML
}

type listPartsResult struct {
	XMLName              xml.Name  `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListPartsResult"`
	Bucket               string    `xml:"Bucket"`
	Key                  string    `xml:"Key"`
	UploadID             string    `xml:"UploadId"`
	PartNumberMarker     int       `xml:"PartNumberMarker"`
	NextPartNumberMarker int       `xml:"NextPartNumberMarker"`
	MaxParts             int       `xml:"MaxParts"`
	IsTruncated          bool      `xml:"IsTruncated"`
	Parts                []partXML `xml:"Part"`
	Initiator            initiator `xml:"Initiator"`
	Owner                *owner    `xml:"Owner"`
	StorageClass         string    `xml:"StorageClass"`
	ChecksumAlgorithm    string    `xml:"ChecksumAlgorithm,omitempty"`
	ChecksumType         string    `xml:"ChecksumType,omitempty"`
}

func (s *Service) listParts(w http.ResponseWriter, r *awsapi.Request, t target) error {
	q := r.HTTP.URL.Query()
	id := q.Get("uploadId")
	max, err := parseMaxKeys(q, "max-parts", maxListKeys, maxListKeys)
	if err != nil {
		return err
	}
	marker := 0
	if v := q.Get("part-number-marker"); v != "" {
		if marker, err = strconv.Atoi(v); err != nil || marker < 0 {
			return errInvalidArgument("Provided part-number-marker not an integer or within integer range", "part-number-marker", v)
		}
	}
	var u *upload
	var parts []part
	err = s.env.DB.View(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		if u, err = loadUpload(objs, t.Key, id); err != nil {
			return err
		}
		parts, err = store.List[part](objs.parts(id), "")
		return err
	})
	if err != nil {
		return err
	}
	entry := uploadEntry(false, u)
	res := listPartsResult{
		Bucket: t.Bucket, Key: t.Key, UploadID: id, PartNumberMarker: marker, MaxParts: max,
		Initiator: entry.Initiator, Owner: entry.Owner, StorageClass: entry.StorageClass,
		ChecksumAlgorithm: u.Algorithm, ChecksumType: u.ChecksumType,
	}
	for _, p := range parts {
		if p.Number <= marker {
			continue
		}
		if len(res.Parts) == max {
			res.IsTruncated = true
			break
		}
		px := partXML{PartNumber: p.Number, LastModified: xmlTime(p.LastModified), ETag: p.ETag, Size: p.Size}
		if u.Algorithm != "" {
			px.checksumXML = checksumFields(checksum{Algorithm: u.Algorithm, Value: p.Checksum})
		}
		res.Parts = append(res.Parts, px)
		res.NextPartNumberMarker = p.Number
	}
	return writeXML(w, r, res)
}
