package s3

import (
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Layout of S3 state in the store:
//
//	_global/s3/buckets/NAME                    bucket (global: names are unique across accounts)
//	ACCOUNT/s3/buckets/NAME/cur/KEY            the current version of KEY (maybe a delete marker)
//	ACCOUNT/s3/buckets/NAME/ver/KEY\x00REVSEQ  every version of KEY, newest first
//	ACCOUNT/s3/buckets/NAME/meta/seq           the bucket's write counter
//	ACCOUNT/s3/buckets/NAME/uploads/UPLOADID   multipart uploads in progress
//	ACCOUNT/s3/buckets/NAME/parts/UPLOADID/NNNNN  their parts
const keySep = "\x00"

func registry(tx *store.Tx) *store.Bucket { return tx.Bucket("_global", "s3", "buckets") }

func bucketRoot(tx *store.Tx, owner string) *store.Bucket {
	return tx.Bucket(owner, "s3", "buckets")
}

// objects is the object state of one bucket inside a transaction.
type objects struct {
	cur, ver, meta, uploads *store.Bucket
	root                    *store.Bucket
}

func openObjects(tx *store.Tx, b *bucket) objects {
	root := bucketRoot(tx, b.Owner).Sub(b.Name)
	return objects{
		root:    root,
		cur:     root.Sub("cur"),
		ver:     root.Sub("ver"),
		meta:    root.Sub("meta"),
		uploads: root.Sub("uploads"),
	}
}

func (o objects) parts(uploadID string) *store.Bucket { return o.root.Sub("parts", uploadID) }

// revSeq orders versions newest first under their key.
func revSeq(seq uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], math.MaxUint64-seq)
	return hex.EncodeToString(b[:])
}

func verKey(key string, seq uint64) string { return key + keySep + revSeq(seq) }

// keyOfVer returns the object key of a ver entry.
func keyOfVer(k string) string {
	if i := strings.LastIndex(k, keySep); i >= 0 {
		return k[:i]
	}
	return k
}

func (o objects) nextSeq() (uint64, error) {
	var n uint64
	if _, err := o.meta.Get("seq", &n); err != nil {
		return 0, err
	}
	n++
	return n, o.meta.Put("seq", n)
}

// current returns the current version of key, which may be a delete
// marker.
func (o objects) current(key string) (*object, bool, error) {
	var obj object
	ok, err := o.cur.Get(key, &obj)
	if err != nil || !ok {
		return nil, false, err
	}
	return &obj, true, nil
}

// live returns the current version of key unless it is absent or a
// delete marker.
func (o objects) live(key string) (*object, bool, error) {
	obj, ok, err := o.current(key)
	if err != nil || !ok || obj.DeleteMarker {
		return nil, false, err
	}
	return obj, true, nil
}

// versions returns every version of key, newest first.
func (o objects) versions(key string) ([]*object, error) {
	var out []*object
	err := o.ver.Scan(key+keySep, "", func(_ string, raw []byte) (bool, error) {
		var obj object
		if err := json.Unmarshal(raw, &obj); err != nil {
			return false, fmt.Errorf("decode version of %q: %w", key, err)
		}
		out = append(out, &obj)
		return true, nil
	})
	return out, err
}

// version finds one version of key by ID.
func (o objects) version(key, id string) (*object, bool, error) {
	vs, err := o.versions(key)
	if err != nil {
		return nil, false, err
	}
	for _, v := range vs {
		if v.VersionID == id {
			return v, true, nil
		}
	}
	return nil, false, nil
}

// put stores obj as the newest version of its key.
func (o objects) put(obj *object) error {
	if err := o.ver.Put(verKey(obj.Key, obj.Seq), obj); err != nil {
		return err
	}
	return o.cur.Put(obj.Key, obj)
}

// update rewrites an existing version in place (tags).
func (o objects) update(obj *object) error {
	if err := o.ver.Put(verKey(obj.Key, obj.Seq), obj); err != nil {
		return err
	}
	cur, ok, err := o.current(obj.Key)
	if err != nil {
		return err
	}
	if ok && cur.Seq == obj.Seq {
		return o.cur.Put(obj.Key, obj)
	}
	return nil
}

// remove deletes one version; the next newest becomes current.
func (o objects) remove(obj *object) error {
	if err := o.ver.Delete(verKey(obj.Key, obj.Seq)); err != nil {
		return err
	}
	cur, ok, err := o.current(obj.Key)
	if err != nil {
		return err
	}
	if !ok || cur.Seq != obj.Seq {
		return nil
	}
	rest, err := o.versions(obj.Key)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return o.cur.Delete(obj.Key)
	}
	return o.cur.Put(obj.Key, rest[0])
}

// empty reports whether the bucket holds no version and no delete marker.
func (o objects) empty() (bool, error) {
	n := 0
	err := o.ver.Scan("", "", func(string, []byte) (bool, error) { n++; return false, nil })
	return n == 0, err
}

// loadBucket reads a bucket from the registry.
func loadBucket(tx *store.Tx, name string) (*bucket, bool, error) {
	var b bucket
	ok, err := registry(tx).Get(name, &b)
	if err != nil || !ok {
		return nil, false, err
	}
	return &b, true, nil
}

func saveBucket(tx *store.Tx, b *bucket) error { return registry(tx).Put(b.Name, b) }

// decode reads a stored JSON value.
func decode[T any](key string, raw []byte) (*T, error) {
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("decode %q: %w", key, err)
	}
	return &v, nil
}
