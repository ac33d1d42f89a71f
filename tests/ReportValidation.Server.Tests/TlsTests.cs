using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using ReportValidation.Server.Tests.Infrastructure;
using ReportValidation.V1;

namespace ReportValidation.Server.Tests;

public sealed class TlsTests
{
    [Fact]
    public async Task Configured_certificate_turns_on_tls()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var path = Path.Combine(Path.GetTempPath(), $"rv-test-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "secret"));
        try
        {
            using var host = new ServiceHost(new Dictionary<string, string?>
            {
                ["Server:CertificatePath"] = path,
                ["Server:CertificatePassword"] = "secret",
            });
            var handler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
                },
            };
            using var channel = GrpcChannel.ForAddress(host.GrpcAddress, new GrpcChannelOptions { HttpHandler = handler });

            var response = await new ReportValidator.ReportValidatorClient(channel).ListRulesAsync(new ListRulesRequest());

            Assert.Equal("https", host.GrpcAddress.Scheme);
            Assert.Equal(ReportEngine.Default.Rules.Version, response.RuleCatalogVersion);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
