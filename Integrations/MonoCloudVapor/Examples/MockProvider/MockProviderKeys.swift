// Throw-away keys made for the mock provider only (openssl genpkey); they sign test tokens on
// loopback and protect nothing.
enum MockProviderKeys {
  static let rsaPEM = """
    -----BEGIN PRIVATE KEY-----
    MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCpB9u02bevFvF8
    L1dEcx7kRA7Ocwp2iLUOyVCswViZM5OtkwwLD9wqzBhS+4bVSnid6ouEJJvPIhBl
    0Rw5OnLwux6L4p/UrVj5/lAnbtGavwy0MTEz1j3KfiKkX6hiRIlnEC3nDFPI/G0F
    P2fNdoIcmhIWQ/sVK7vpKmprwhDSvs3JD88M0bF4Sfs5SlScj0EdPrRUtiS5G4gQ
    jjEk2XUobMBm0y/KGcvmJonNMEAefujKgtZoh8linM3O+3dDP0qKzze1QooO1Fjc
    /pV0XDgIyKjuve7mvCB8/GUXdB39eKQn1NAgHePZxFx29IokIaeXq6kPNhIVFOP6
    ztLEXphvAgMBAAECggEAKtJl08RQZ5gdZ4OqzRmJGvUu9xhn7y2lCPDxckKtSmqp
    oBCfvXGwKlt4UhWMzB5IvmD8JWcM3gXYN6MpTkpDcj9FdtTb/wpHf1XxQnwtt9Fs
    y32m5GYDU3hvGEtvoi2Qzb5okp8p3sIscGbmykOapNpXeLKSOoPQ4DoxqckJcAoi
    TbR3V0IOZR8W1QDyLXqbi1yja2hvtZVgJTbu+1YoxMKpJtClojbyFJfCxf+VVXPC
    aiky/ovzgC+oHwY/WIO2rrhJnbIM8wJ30Bpt2Aa6LiFm2fvbZhAd/cgPh3LrWwoT
    xcOCiELGxYGMw2F7WzziOu+SQlRlyg/sy2CDtxeSiQKBgQDtjaCXPjq1MZQ1Jibz
    20otMt32lwUVOpSG2RvkfRw+ILOh2hI0kbVjThwHSk9P08JFC4uj/cd64mZbcy1r
    ULv7ZJV/haTL8UxfO1O+R2k9RusrO6aiRgIcLWp8DuDslCA/5L1I82NQ8xDJ7GVp
    qvtRTWn7VNw3cXcdlNT+OmGEGwKBgQC2KA5ywfiTt8joyAFcbl2f0715S7ekgI+0
    h4AM0RsZWZs1QSh3UFA8cPjVh8LOE6yu4S+kpOWO138kX+5zlNeZ7J70bYsrGF/z
    TQtw1VSELDc+pU+eYUz9LGYN3IQpoCcdoWuePrPV1IxnfiSh70Uu3eFSqln5v1QX
    HJPBdNw6PQKBgG0v+s9pp/xetHuVdLQDaF3MEp/kHE78pQYyRpLIOrIHv+k13cZR
    7uidH17udfQAJjwsKVwQKp897sQ79XVtH2pWeiyqFewzleHz1/MOyb2DmlY9zcKq
    oQ+ohFhPUm0LTKNxlNsyG8U6Y84cHSTrlSZyibMe9zV4rsJnBVtxJB9fAoGAXRNE
    prCkYl5jQ0aHI4KlRjh8NVFSKbUjOLyP2nyyWxalLuX3VlfsV6XmD72J9aCp+MXJ
    gVhcj8tfBOgbwGVKcTUt13ltxfxzcq9obCQlRlANfm4bq7LOEwMvtl96DIbv1b0Y
    b0hcvaMYhv02nKPU9uia7JFs3ic8QX7xpMUgjoUCgYB1iqnGp6juf3n8SiDJizZc
    CZ9+/VADP5/CY9Ebs9D7cNh7bm5HlE2C8QPXHE/oykfwNbqv72BEP+uTrCS/yBfb
    te5r7IliYldOD3rj/EmNbjSfQqv85ADienMspRKrNSkF4EaCmOF5ch0SDLL05WnL
    nWEQS3McE9VQGKL5bWiVCQ==
    -----END PRIVATE KEY-----
    """

  static let ecP256PEM = """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQLdEYo91yPcRV+Pn
    +gYwu1cneXxiUMmJ34miOmIkfIihRANCAASZ9oP6HQTXixzHyIbB/KNPSi0YyMZ5
    Sp+o9t0lLSUaAdwhB/1A5+uBSEk0Rj9wGdYvVjjA473jFsUyab+aAs0J
    -----END PRIVATE KEY-----
    """

  static let ed25519PEM = """
    -----BEGIN PRIVATE KEY-----
    MC4CAQAwBQYDK2VwBCIEIOU9mpPdYUaB+7HQeyhk3zNyCell92/H/xtsInHoeuys
    -----END PRIVATE KEY-----
    """
}
