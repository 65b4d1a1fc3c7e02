package integration

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"
)

// The CLI uploads files of 8 MiB and more in 8 MiB parts (s3transfer's
// multipart_threshold and multipart_chunksize).
const cliPartSize = 8 << 20

// TestAWSCLIS3 drives S3 with the AWS CLI's high-level s3 commands and
// s3api, as a user of `drydock aws serve` does, checking what it prints and,
// through the SDK, what the server holds.
func TestAWSCLIS3(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory")
	cli := newAWSCLI(t, s.Endpoint)
	sdk := s.defaultClients()
	ctx := context.Background()
	const bucket = "drydock-cli"

	small := []byte("hello from the aws cli\n")
	big := make([]byte, cliPartSize+cliPartSize/8+12345) // two parts
	fill(rand.New(rand.NewPCG(1, 2)), big)
	cli.file(t, "small.txt", small)
	cli.file(t, "big.bin", big)

	// Later steps use what earlier ones made, except where leaf is set.
	steps := []struct {
		name string
		leaf bool
		fn   func(t *testing.T)
	}{
		{"mb", false, func(t *testing.T) {
			if out := cli.ok(t, "s3", "mb", "s3://"+bucket); out != "make_bucket: "+bucket+"\n" {
				t.Errorf("s3 mb printed %q, want %q", out, "make_bucket: "+bucket+"\n")
			}
		}},
		{"ls buckets", false, func(t *testing.T) {
			out := cli.ok(t, "s3", "ls")
			if !regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ` + bucket + `$`).MatchString(out) {
				t.Errorf("s3 ls printed no line 'DATE TIME %s':\n%s", bucket, out)
			}
		}},
		{"cp up small", false, func(t *testing.T) {
			out := cli.ok(t, "s3", "cp", "small.txt", "s3://"+bucket+"/dir/small.txt", "--no-progress")
			if !strings.Contains(out, "upload: ./small.txt to s3://"+bucket+"/dir/small.txt") {
				t.Errorf("s3 cp printed %q, want an upload line", out)
			}
			got := getObject(t, sdk.S3, bucket, "dir/small.txt")
			if !bytes.Equal(got, small) {
				t.Errorf("GetObject dir/small.txt = %q, want %q", got, small)
			}
		}},
		{"cp up multipart", false, func(t *testing.T) {
			cli.ok(t, "s3", "cp", "big.bin", "s3://"+bucket+"/big.bin", "--no-progress")
			head, err := sdk.S3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("big.bin")})
			if err != nil {
				t.Fatalf("HeadObject big.bin: %v", err)
			}
			if got := aws.ToInt64(head.ContentLength); got != int64(len(big)) {
				t.Errorf("HeadObject big.bin ContentLength = %d, want %d", got, len(big))
			}
			if want := multipartETag(big, cliPartSize); aws.ToString(head.ETag) != want {
				t.Errorf("HeadObject big.bin ETag = %s, want the multipart ETag %s (uploaded in parts of %d)", aws.ToString(head.ETag), want, cliPartSize)
			}
			if got := getObject(t, sdk.S3, bucket, "big.bin"); !bytes.Equal(got, big) {
				t.Errorf("GetObject big.bin: %d bytes differ from the %d uploaded", len(got), len(big))
			}
		}},
		{"cp down", false, func(t *testing.T) {
			out := cli.ok(t, "s3", "cp", "s3://"+bucket+"/dir/small.txt", "small.down", "--no-progress")
			if !strings.Contains(out, "download: s3://"+bucket+"/dir/small.txt to ./small.down") {
				t.Errorf("s3 cp printed %q, want a download line", out)
			}
			if got := cli.read(t, "small.down"); !bytes.Equal(got, small) {
				t.Errorf("downloaded small.txt = %q, want %q", got, small)
			}
			// Over the threshold the CLI downloads in ranged GETs.
			cli.ok(t, "s3", "cp", "s3://"+bucket+"/big.bin", "big.down", "--no-progress")
			if got := cli.read(t, "big.down"); !bytes.Equal(got, big) {
				t.Errorf("downloaded big.bin: %d bytes differ from the %d uploaded", len(got), len(big))
			}
		}},
		{"ls objects", false, func(t *testing.T) {
			out := cli.ok(t, "s3", "ls", "s3://"+bucket+"/")
			wantLines(t, out,
				`^\s+PRE dir/$`,
				fmt.Sprintf(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+%d big.bin$`, len(big)))
			out = cli.ok(t, "s3", "ls", "--recursive", "s3://"+bucket+"/")
			wantLines(t, out,
				fmt.Sprintf(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+%d dir/small.txt$`, len(small)),
				fmt.Sprintf(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+%d big.bin$`, len(big)))
		}},
		{"presign", true, func(t *testing.T) {
			// The CLI's default presigned URL (AWS CLI v1: signature
			// version 2 query parameters), then SigV4 as configured.
			s3v4 := cli.file(t, "config-s3v4", []byte("[default]\ns3 =\n    signature_version = s3v4\n"))
			for _, v := range []struct {
				name string
				env  []string
			}{{"default", nil}, {"s3v4", []string{"AWS_CONFIG_FILE=" + s3v4}}} {
				t.Run(v.name, func(t *testing.T) {
					r := cli.run(t, v.env, "s3", "presign", "s3://"+bucket+"/dir/small.txt", "--expires-in", "300")
					if r.err != nil {
						t.Fatalf("want success; %s", r)
					}
					url := strings.TrimSpace(r.stdout)
					status, body := httpGet(t, url)
					if status != http.StatusOK || !bytes.Equal(body, small) {
						hint := ""
						if strings.Contains(url, "AWSAccessKeyId=") {
							hint = " (a signature version 2 presigned URL, as AWS CLI v1 makes by default)"
						}
						t.Errorf("GET %s%s = %d %q, want 200 %q", url, hint, status, body, small)
					}
				})
			}
		}},
		{"put-object if-none-match", true, func(t *testing.T) {
			first, second := cli.file(t, "cond1.txt", []byte("first\n")), cli.file(t, "cond2.txt", []byte("second\n"))
			var out struct{ ETag string }
			cli.json(t, &out, "s3api", "put-object", "--bucket", bucket, "--key", "cond.txt", "--body", first, "--if-none-match", "*")
			if want := quotedMD5([]byte("first\n")); out.ETag != want {
				t.Errorf("put-object ETag = %s, want %s", out.ETag, want)
			}
			r := cli.fails(t, "PreconditionFailed", "s3api", "put-object", "--bucket", bucket, "--key", "cond.txt", "--body", second, "--if-none-match", "*")
			if !strings.Contains(r.stderr, "when calling the PutObject operation") {
				t.Errorf("stderr does not name PutObject: %s", r.stderr)
			}
			if got := getObject(t, sdk.S3, bucket, "cond.txt"); string(got) != "first\n" {
				t.Errorf("after the refused put, cond.txt = %q, want %q", got, "first\n")
			}
		}},
		{"rm", false, func(t *testing.T) {
			out := cli.ok(t, "s3", "rm", "s3://"+bucket+"/dir/small.txt")
			if out != "delete: s3://"+bucket+"/dir/small.txt\n" {
				t.Errorf("s3 rm printed %q", out)
			}
			_, err := sdk.S3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/small.txt")})
			if code := errorCode(err); code != "NotFound" {
				t.Errorf("HeadObject after s3 rm: %v, want NotFound", err)
			}
		}},
		{"rb force", false, func(t *testing.T) {
			out := cli.ok(t, "s3", "rb", "--force", "s3://"+bucket)
			if !strings.Contains(out, "remove_bucket: "+bucket+"\n") {
				t.Errorf("s3 rb printed %q, want a remove_bucket line", out)
			}
			_, err := sdk.S3.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
			if code := errorCode(err); code != "NotFound" {
				t.Errorf("HeadBucket after s3 rb: %v, want NotFound", err)
			}
		}},
	}
	for _, st := range steps {
		if !t.Run(st.name, st.fn) && !st.leaf {
			t.Fatalf("step %q failed; the later steps depend on it", st.name)
		}
	}
}

// TestAWSCLIAuthOff: with --auth off, unsigned requests
// (--no-sign-request) work and act in the default account.
func TestAWSCLIAuthOff(t *testing.T) {
	integration(t)
	s := startServer(t, "--in-memory", "--auth", "off")
	cli := newAWSCLI(t, s.Endpoint)
	if out := cli.ok(t, "--no-sign-request", "s3", "mb", "s3://open-bucket"); out != "make_bucket: open-bucket\n" {
		t.Errorf("s3 mb printed %q", out)
	}
	out := cli.ok(t, "--no-sign-request", "s3", "ls")
	wantLines(t, out, `^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d open-bucket$`)
	// The bucket belongs to the default account: signed requests see it.
	if _, err := s.defaultClients().S3.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("open-bucket")}); err != nil {
		t.Errorf("HeadBucket open-bucket with test/test: %v", err)
	}
}

// wantLines fails t unless every pattern matches a line of out.
func wantLines(t *testing.T, out string, patterns ...string) {
	t.Helper()
	for _, p := range patterns {
		if !regexp.MustCompile(`(?m)` + p).MatchString(out) {
			t.Errorf("no line matches %s in:\n%s", p, out)
		}
	}
}

func getObject(t *testing.T, c *s3.Client, bucket, key string) []byte {
	t.Helper()
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("GetObject %s/%s: %v", bucket, key, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatalf("GetObject %s/%s: read body: %v", bucket, key, err)
	}
	return b
}

func httpGet(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", url, err)
	}
	return resp.StatusCode, b
}

// errorCode is the AWS error code of err, or "" if it has none.
func errorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

func quotedMD5(b []byte) string {
	sum := md5.Sum(b)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// multipartETag is S3's ETag of an object uploaded in parts of partSize:
// the MD5 of the parts' MD5s, a dash, and the number of parts.
func multipartETag(b []byte, partSize int) string {
	var sums []byte
	n := 0
	for off := 0; off < len(b); off += partSize {
		sum := md5.Sum(b[off:min(off+partSize, len(b))])
		sums = append(sums, sum[:]...)
		n++
	}
	total := md5.Sum(sums)
	return fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(total[:]), n)
}

func fill(r *rand.Rand, b []byte) {
	for i := 0; i+8 <= len(b); i += 8 {
		v := r.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	for i := len(b) &^ 7; i < len(b); i++ {
		b[i] = byte(r.Uint32())
	}
}
