package integration

import (
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// verifyCrash checks, on the restarted server s, every write of log: the
// acknowledged ones are there as answered, the unacknowledged ones are
// absent or whole, and nothing else is there.
func verifyCrash(t *testing.T, s *server, log *ackLog, restart int) {
	t.Helper()
	start := time.Now()
	snap := log.snapshot()
	c := s.defaultClients()
	var reported atomic.Int64
	report := func(format string, args ...any) {
		if reported.Add(1) <= 20 {
			t.Errorf("restart %d: "+format, append([]any{restart}, args...)...)
		}
	}
	ctx := context.Background()

	parallel(len(snap.objects), func(i int) { verifyObject(ctx, c.S3, snap.objects[i], report) })
	var present atomic.Int64
	tried := make([]objectWrite, 0, len(snap.triedObjects))
	for _, o := range snap.triedObjects {
		tried = append(tried, o)
	}
	parallel(len(tried), func(i int) {
		if verifyTriedObject(ctx, c.S3, tried[i], report) {
			present.Add(1)
		}
	})
	verifyListing(ctx, c.S3, snap, report)

	parallel(len(snap.roles), func(i int) { verifyRole(ctx, c.IAM, snap.roles[i], report) })
	triedRoles := verifyRoleListing(ctx, c.IAM, snap, report)

	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	parallel(len(snap.sessions), func(i int) { verifySession(ctx, s.Endpoint, hc, snap.sessions[i], report) })

	t.Logf("restart %d: verified %d acknowledged objects, %d in flight at a kill (%d of them present, whole), %d roles, %d in flight at a kill (%d of them present), %d sessions in %v",
		restart, len(snap.objects), len(tried), present.Load(), len(snap.roles), len(snap.triedRoles), triedRoles, len(snap.sessions),
		time.Since(start).Round(time.Millisecond))
}

func verifyObject(ctx context.Context, c *s3.Client, o objectWrite, report func(string, ...any)) {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(crashBucket), Key: aws.String(o.Key)})
	if err != nil {
		report("acknowledged object %s: GetObject: %v", o.Key, err)
		return
	}
	defer out.Body.Close()
	h := sha256.New()
	n, err := io.Copy(h, out.Body)
	if err != nil {
		report("acknowledged object %s: read body: %v", o.Key, err)
		return
	}
	if n != o.Size || [sha256.Size]byte(h.Sum(nil)) != o.SHA256 {
		report("acknowledged object %s: body of %d bytes differs from the %d written", o.Key, n, o.Size)
	}
	if got := aws.ToString(out.ETag); got != o.ETag {
		report("acknowledged object %s: ETag %s, want %s", o.Key, got, o.ETag)
	}
	if got := aws.ToString(out.ContentType); got != "application/x-drydock-crash" {
		report("acknowledged object %s: Content-Type %q, want application/x-drydock-crash", o.Key, got)
	}
	if got := out.Metadata["writer"]; got != o.Key {
		report("acknowledged object %s: x-amz-meta-writer %q, want %q", o.Key, got, o.Key)
	}
	lm := aws.ToTime(out.LastModified)
	switch {
	case !o.LastModified.IsZero():
		if !lm.Equal(o.LastModified) {
			report("acknowledged object %s: LastModified %v, want %v (as HeadObject said before the kill)", o.Key, lm, o.LastModified)
		}
	case lm.Before(o.NotBefore.Truncate(time.Second).Add(-time.Second)) || lm.After(o.NotAfter.Add(time.Second)):
		report("acknowledged object %s: LastModified %v outside the write's window [%v, %v]", o.Key, lm, o.NotBefore, o.NotAfter)
	}
}

// verifyTriedObject checks an object whose put was not acknowledged: absent,
// or whole. It reports whether it is present.
func verifyTriedObject(ctx context.Context, c *s3.Client, o objectWrite, report func(string, ...any)) bool {
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(crashBucket), Key: aws.String(o.Key)})
	if errorCode(err) == "NoSuchKey" {
		return false
	}
	if err != nil {
		report("in-flight object %s: GetObject: %v (want the object or NoSuchKey)", o.Key, err)
		return false
	}
	defer out.Body.Close()
	h := sha256.New()
	n, err := io.Copy(h, out.Body)
	if err != nil || n != o.Size || [sha256.Size]byte(h.Sum(nil)) != o.SHA256 {
		report("in-flight object %s: present but torn: %d bytes (read error %v), want the %d written", o.Key, n, err, o.Size)
	}
	return true
}

// verifyListing: ListObjectsV2 lists every acknowledged object and nothing
// that was never written.
func verifyListing(ctx context.Context, c *s3.Client, snap snapshot, report func(string, ...any)) {
	acked := map[string]bool{}
	for _, o := range snap.objects {
		acked[o.Key] = true
	}
	seen := 0
	p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String(crashBucket), MaxKeys: aws.Int32(250)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			report("ListObjectsV2: %v", err)
			return
		}
		for _, o := range page.Contents {
			k := aws.ToString(o.Key)
			switch _, tried := snap.triedObjects[k]; {
			case acked[k]:
				seen++
			case !tried:
				report("ListObjectsV2 lists %s, which was never written", k)
			}
		}
	}
	if seen != len(acked) {
		report("ListObjectsV2 lists %d of the %d acknowledged objects", seen, len(acked))
	}
}

func verifyRole(ctx context.Context, c *iam.Client, r roleWrite, report func(string, ...any)) {
	out, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(r.Name)})
	if err != nil || out.Role == nil {
		report("acknowledged role %s: GetRole: %v", r.Name, err)
		return
	}
	got := out.Role
	if aws.ToString(got.RoleId) != r.ID || aws.ToString(got.Arn) != r.ARN || !aws.ToTime(got.CreateDate).Equal(r.Created) {
		report("acknowledged role %s: GetRole = {ID %s, ARN %s, CreateDate %v}, want {%s, %s, %v} as CreateRole answered",
			r.Name, aws.ToString(got.RoleId), aws.ToString(got.Arn), aws.ToTime(got.CreateDate), r.ID, r.ARN, r.Created)
	}
	if aws.ToString(got.Path) != r.Path || aws.ToString(got.Description) != r.Description {
		report("acknowledged role %s: Path %q Description %q, want %q %q", r.Name, aws.ToString(got.Path), aws.ToString(got.Description), r.Path, r.Description)
	}
	if doc := decodePolicy(aws.ToString(got.AssumeRolePolicyDocument)); !sameJSON(doc, crashTrust) {
		report("acknowledged role %s: AssumeRolePolicyDocument %s, want %s", r.Name, doc, crashTrust)
	}
}

// verifyRoleListing: ListRoles under /crash/ lists every acknowledged role
// with the same ID, and nothing never created. It returns how many of the
// roles in flight at a kill are there.
func verifyRoleListing(ctx context.Context, c *iam.Client, snap snapshot, report func(string, ...any)) int {
	acked := map[string]roleWrite{}
	for _, r := range snap.roles {
		acked[r.Name] = r
	}
	seen, tried := 0, 0
	p := iam.NewListRolesPaginator(c, &iam.ListRolesInput{PathPrefix: aws.String("/crash/"), MaxItems: aws.Int32(100)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			report("ListRoles: %v", err)
			return tried
		}
		for _, r := range page.Roles {
			name := aws.ToString(r.RoleName)
			want, ok := acked[name]
			switch {
			case ok:
				seen++
				if aws.ToString(r.RoleId) != want.ID {
					report("ListRoles: role %s has ID %s, want %s", name, aws.ToString(r.RoleId), want.ID)
				}
			case snap.triedRoles[name]:
				tried++
			default:
				report("ListRoles lists %s, which was never created", name)
			}
		}
	}
	if seen != len(acked) {
		report("ListRoles lists %d of the %d acknowledged roles", seen, len(acked))
	}
	return tried
}

// verifySession: the temporary credentials AssumeRole gave still sign
// requests, as the assumed role.
func verifySession(ctx context.Context, endpoint string, hc *http.Client, s sessionWrite, report func(string, ...any)) {
	c := sts.New(sts.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(endpoint), HTTPClient: hc, RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(s.AccessKey, s.Secret, s.Token),
	})
	out, err := c.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		report("acknowledged session %s of %s: GetCallerIdentity with its credentials: %v", s.Session, s.Role.Name, err)
		return
	}
	if aws.ToString(out.Arn) != s.AssumedARN || aws.ToString(out.UserId) != s.AssumedRoleID || aws.ToString(out.Account) != "123456789012" {
		report("acknowledged session %s: GetCallerIdentity = {%s, %s, %s}, want {%s, %s, 123456789012}", s.Session,
			aws.ToString(out.Arn), aws.ToString(out.UserId), aws.ToString(out.Account), s.AssumedARN, s.AssumedRoleID)
	}
}

// parallel runs fn(0..n-1) on 8 goroutines.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
