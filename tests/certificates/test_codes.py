from lms.certificates.codes import ALPHABET, code_generate, code_normalise


def test_codes_carry_80_random_bits_in_four_readable_groups():
    codes = {code_generate() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)
    assert len(ALPHABET) ** 16 == 2**80
    assert not set("ILOU") & set(ALPHABET)


def test_reading_back_forgives_case_spaces_and_confusable_letters():
    assert code_normalise("7kq2 m9xd 4hzt b3we") == "7KQ2-M9XD-4HZT-B3WE"
    assert code_normalise("7KQ2M9XD4HZTB3WE") == "7KQ2-M9XD-4HZT-B3WE"
    assert code_normalise("OIL0-0000-0000-0000") == "0110-0000-0000-0000"


def test_anything_else_is_not_a_code():
    for text in ["", "7KQ2-M9XD", "7KQ2-M9XD-4HZT-B3WE-XXXX", "<script>", "é" * 16]:
        assert code_normalise(text) is None
