def test_an_output_directory_that_cannot_be_made_is_a_usage_error(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = cli("render", "solihull-lscp", "-f", "md", "-o", f"{blocker / 'sub'}/")
    assert result.exit_code == 2
    assert "cannot create the output directory" in result.stderr and "Traceback" not in result.stderr
