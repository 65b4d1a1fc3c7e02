package integration

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

const (
	crashBucket  = "drydock-crash"
	crashRounds  = 3
	crashWriters = 4
	// Each round is killed after a seeded random number of acknowledged
	// writes in [crashMinAcks, crashMaxAcks], or at crashRoundDeadline.
	crashMinAcks       = 200
	crashMaxAcks       = 400
	crashRoundDeadline = 45 * time.Second
	crashTrust         = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`
)

// TestCrashSIGKILL kills `drydock aws serve --data-dir DIR` with SIGKILL
// while clients write to it (S3 PutObject, IAM CreateRole, STS AssumeRole),
// restarts it on the same directory, and checks that every write the server
// acknowledged is there, unchanged: bodies, ETags, LastModified, role IDs
// and CreateDates, session credentials. Writes in flight at the kill may be
// there or not, but never torn. Three rounds of write, kill, restart.
// DRYDOCK_CRASH_SEED picks another seed (the default is 1).
func TestCrashSIGKILL(t *testing.T) {
	integration(t)
	seed := uint64(1)
	if v := os.Getenv("DRYDOCK_CRASH_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("DRYDOCK_CRASH_SEED=%q: want an unsigned integer", v)
		}
		seed = n
	}
	t.Logf("seed %d (set DRYDOCK_CRASH_SEED to change it)", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	dir := t.TempDir()
	written := newAckLog()
	for round := range crashRounds {
		t0 := time.Now()
		s := startServer(t, "--data-dir", dir)
		t.Logf("round %d: server ready in %v", round, time.Since(t0).Round(time.Millisecond))
		c := s.defaultClients()
		if round == 0 {
			if _, err := c.S3.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(crashBucket)}); err != nil {
				t.Fatalf("CreateBucket: %v", err)
			}
		} else {
			verifyCrash(t, s, written, round)
		}
		w := &crashRound{t: t, s: s, c: c, log: written, round: round, seed: seed,
			killAt: int64(crashMinAcks + rng.IntN(crashMaxAcks-crashMinAcks+1)), reached: make(chan struct{})}
		start := time.Now()
		w.run()
		objects, roles, sessions := written.counts()
		t.Logf("round %d: SIGKILL after %d acknowledged writes (target %d) in %v; acknowledged so far: %d objects, %d roles, %d sessions",
			round, w.acks.Load(), w.killAt, time.Since(start).Round(time.Millisecond), objects, roles, sessions)
		if t.Failed() {
			t.FailNow()
		}
	}
	s := startServer(t, "--data-dir", dir)
	verifyCrash(t, s, written, crashRounds)
}

// crashRound is one round of writers and its kill.
type crashRound struct {
	t       *testing.T
	s       *server
	c       clients
	log     *ackLog
	round   int
	seed    uint64
	killAt  int64
	acks    atomic.Int64
	reached chan struct{}
	once    sync.Once
	killed  atomic.Bool
	stop    atomic.Bool
	errs    atomic.Int64
}

// run starts the writers, kills the server at the chosen point (or the
// deadline, or when every writer has given up), and waits for the writers.
func (w *crashRound) run() {
	var wg sync.WaitGroup
	allDone := make(chan struct{})
	for g := range crashWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.writer(g)
		}()
	}
	go func() { wg.Wait(); close(allDone) }()
	deadline := time.NewTimer(crashRoundDeadline)
	defer deadline.Stop()
	select {
	case <-w.reached:
	case <-allDone:
		w.t.Errorf("round %d: every writer stopped (after %d acknowledged writes) before the kill", w.round, w.acks.Load())
	case <-deadline.C:
		w.t.Logf("round %d: deadline %v reached after %d acknowledged writes; killing now", w.round, crashRoundDeadline, w.acks.Load())
	}
	w.killed.Store(true)
	w.s.kill()
	w.stop.Store(true)
	<-allDone
}

// ack counts an acknowledged write and triggers the kill at killAt.
func (w *crashRound) ack() {
	if w.acks.Add(1) == w.killAt {
		w.once.Do(func() { close(w.reached) })
	}
}

// failed reports a failed request: an error while the server is alive is a
// test failure (the first few are printed); after the kill it is expected.
// Either way the writer stops.
func (w *crashRound) failed(what string, err error) {
	if w.killed.Load() {
		return
	}
	if w.errs.Add(1) <= 5 {
		w.t.Errorf("round %d: %s (server alive): %v", w.round, what, err)
	}
}

// check reports a wrong answer to an acknowledged write.
func (w *crashRound) check(ok bool, format string, args ...any) {
	if !ok && w.errs.Add(1) <= 5 {
		w.t.Errorf("round %d: "+format, append([]any{w.round}, args...)...)
	}
}

func (w *crashRound) writer(g int) {
	r := rand.New(rand.NewPCG(w.seed, uint64(1000*w.round+g+1)))
	for n := 0; !w.stop.Load(); n++ {
		var ok bool
		switch op := r.IntN(10); {
		case op < 6:
			ok = w.putObject(r, fmt.Sprintf("r%d/w%d/%05d", w.round, g, n))
		case op < 8:
			ok = w.createRole(fmt.Sprintf("crash-r%d-w%d-%d", w.round, g, n))
		default:
			ok = w.assumeRole(r.IntN(1<<30), fmt.Sprintf("s-r%d-w%d-%d", w.round, g, n))
		}
		if !ok {
			return
		}
	}
}

func (w *crashRound) putObject(r *rand.Rand, key string) bool {
	size := r.IntN(16 << 10)
	if r.IntN(10) == 0 {
		size = 256<<10 + r.IntN(768<<10)
	}
	body := make([]byte, size)
	fill(r, body)
	o := objectWrite{Key: key, SHA256: sha256.Sum256(body), Size: int64(size), NotBefore: time.Now()}
	w.log.tryObject(o)
	ctx := context.Background()
	out, err := w.c.S3.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(crashBucket), Key: aws.String(key), Body: bytes.NewReader(body),
		ContentLength: aws.Int64(int64(size)), ContentType: aws.String("application/x-drydock-crash"),
		Metadata: map[string]string{"writer": key},
	})
	if err != nil {
		w.failed("PutObject "+key, err)
		return false
	}
	o.NotAfter, o.ETag = time.Now(), aws.ToString(out.ETag)
	w.log.ackObject(o)
	w.ack()
	w.check(o.ETag == quotedMD5(body), "PutObject %s ETag = %s, want %s", key, o.ETag, quotedMD5(body))
	head, err := w.c.S3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(crashBucket), Key: aws.String(key)})
	if err != nil {
		w.failed("HeadObject "+key, err)
		return false
	}
	w.check(aws.ToString(head.ETag) == o.ETag, "HeadObject %s ETag = %s, want the PutObject's %s", key, aws.ToString(head.ETag), o.ETag)
	if head.LastModified != nil {
		w.log.setLastModified(key, *head.LastModified)
	}
	return true
}

func (w *crashRound) createRole(name string) bool {
	w.log.tryRole(name)
	desc := "crash test round " + strconv.Itoa(w.round)
	out, err := w.c.IAM.CreateRole(context.Background(), &iam.CreateRoleInput{
		RoleName: aws.String(name), Path: aws.String("/crash/"), Description: aws.String(desc),
		AssumeRolePolicyDocument: aws.String(crashTrust),
	})
	if err != nil {
		w.failed("CreateRole "+name, err)
		return false
	}
	role := out.Role
	rw := roleWrite{Name: name, Path: "/crash/", Description: desc}
	if role != nil {
		rw.ID, rw.ARN, rw.Created = aws.ToString(role.RoleId), aws.ToString(role.Arn), aws.ToTime(role.CreateDate)
	}
	w.log.ackRole(rw)
	w.ack()
	wantARN := "arn:aws:iam::123456789012:role/crash/" + name
	w.check(rw.ARN == wantARN && strings.HasPrefix(rw.ID, "AROA") && !rw.Created.IsZero(),
		"CreateRole %s = {ARN %s, ID %s, CreateDate %v}, want ARN %s, an AROA… ID and a CreateDate", name, rw.ARN, rw.ID, rw.Created, wantARN)
	return true
}

func (w *crashRound) assumeRole(pick int, session string) bool {
	role, ok := w.log.role(pick)
	if !ok {
		return w.createRole("crash-first-" + session)
	}
	out, err := w.c.STS.AssumeRole(context.Background(), &sts.AssumeRoleInput{
		RoleArn: aws.String(role.ARN), RoleSessionName: aws.String(session),
	})
	if err != nil {
		w.failed("AssumeRole "+role.ARN, err)
		return false
	}
	sw := sessionWrite{Role: role, Session: session}
	if c := out.Credentials; c != nil {
		sw.AccessKey, sw.Secret, sw.Token, sw.Expiration = aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken), aws.ToTime(c.Expiration)
	}
	if u := out.AssumedRoleUser; u != nil {
		sw.AssumedRoleID, sw.AssumedARN = aws.ToString(u.AssumedRoleId), aws.ToString(u.Arn)
	}
	w.log.ackSession(sw)
	w.ack()
	wantARN := "arn:aws:sts::123456789012:assumed-role/" + role.Name + "/" + session
	w.check(sw.AssumedARN == wantARN && sw.AssumedRoleID == role.ID+":"+session && strings.HasPrefix(sw.AccessKey, "ASIA"),
		"AssumeRole %s = {ARN %s, ID %s, key %s}, want ARN %s, ID %s:%s and an ASIA… key", role.Name, sw.AssumedARN, sw.AssumedRoleID, sw.AccessKey, wantARN, role.ID, session)
	return true
}
